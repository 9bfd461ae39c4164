package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.MustBeatServing;
import dev.seed.mlops.api.v1alpha1.QualityPolicy;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.Owners;
import dev.seed.mlops.testing.RepoRoot;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetrainJobsTest {

    @Test
    void namesCountOnFromTheLastTriggerInStatus() throws Exception {
        DriftPolicy policy = sample();
        assertThat(RetrainJobs.nextName(policy.getMetadata().getName(), null)).isEqualTo("credit-risk-drift-retrain-1");

        policy.setStatus(new DriftPolicyStatus());
        RetrainTrigger last = new RetrainTrigger();
        last.setTrainingJob("credit-risk-drift-retrain-7");
        policy.getStatus().setLastTriggered(last);
        assertThat(RetrainJobs.nextName(policy.getMetadata().getName(), last)).isEqualTo("credit-risk-drift-retrain-8");
    }

    @Test
    void theTrainingJobIsTheTemplateOwnedByThePolicyAndWaitsForFreshData() throws Exception {
        DriftPolicy policy = sample();
        policy.getMetadata().setUid("uid-1");
        policy.getMetadata().setNamespace("ml");

        TrainingJob job = RetrainJobs.desired(policy, "credit-risk-drift-retrain-1", Instant.parse("2026-03-01T10:00:00.700Z"));

        assertThat(job.getMetadata().getNamespace()).isEqualTo("ml");
        assertThat(job.getMetadata().getAnnotations()).containsEntry(Labels.SNAPSHOT_AFTER, "2026-03-01T10:00:00Z");
        assertThat(job.getMetadata().getLabels()).containsEntry(Labels.DRIFT_POLICY, "credit-risk-drift");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo("uid-1");
            assertThat(owner.getKind()).isEqualTo("DriftPolicy");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(job.getSpec().getModel()).isEqualTo("credit-risk");
        assertThat(job.getSpec().getHyperparameters()).containsEntry("num_round", "200");
        assertThat(job.getSpec()).isNotSameAs(policy.getSpec().getRetrain().getTemplate());
        assertThat(Owners.ownedBy(job, policy)).isTrue();
    }

    @Test
    void aPolicyWithAPerformanceSectionRetrainsOnlyIntoAVersionThatBeatsTheServingOneOnItsMetric() throws Exception {
        DriftPolicy policy = sample();
        QualityPolicy performance = new QualityPolicy();
        performance.setMetric(Metric.f1);
        performance.setMinimum(0.6);
        policy.getSpec().setPerformance(performance);

        TrainingJob job = RetrainJobs.desired(policy, "credit-risk-drift-retrain-1", Instant.parse("2026-03-01T10:00:00Z"));

        MustBeatServing rule = job.getSpec().getEvaluation().getMustBeatServing();
        assertThat(rule.getInferenceServiceRef().getName()).isEqualTo("credit-risk");
        assertThat(rule.getMetric()).isEqualTo(Metric.f1);
        assertThat(rule.getMargin()).isZero();
        assertThat(job.getSpec().getEvaluation().getGates()).as("the template's gates stay").hasSize(1);
        assertThat(policy.getSpec().getRetrain().getTemplate().getEvaluation().getMustBeatServing()).as("the user's spec is untouched").isNull();
    }

    @Test
    void theTemplatesOwnChampionRuleWins() throws Exception {
        DriftPolicy policy = sample();
        QualityPolicy performance = new QualityPolicy();
        performance.setMetric(Metric.f1);
        policy.getSpec().setPerformance(performance);
        MustBeatServing own = new MustBeatServing();
        own.setMetric(Metric.auc);
        own.setMargin(0.01);
        policy.getSpec().getRetrain().getTemplate().getEvaluation().setMustBeatServing(own);

        TrainingJob job = RetrainJobs.desired(policy, "credit-risk-drift-retrain-1", Instant.parse("2026-03-01T10:00:00Z"));

        assertThat(job.getSpec().getEvaluation().getMustBeatServing().getMetric()).isEqualTo(Metric.auc);
        assertThat(job.getSpec().getEvaluation().getMustBeatServing().getMargin()).isEqualTo(0.01);
    }

    @Test
    void withoutAPerformanceSectionTheTemplateIsTakenAsItIs() throws Exception {
        TrainingJob job = RetrainJobs.desired(sample(), "credit-risk-drift-retrain-1", Instant.parse("2026-03-01T10:00:00Z"));

        assertThat(job.getSpec().getEvaluation().getMustBeatServing()).isNull();
    }

    private static DriftPolicy sample() throws Exception {
        return Serialization.unmarshal(Files.readString(RepoRoot.path().resolve("config/samples/04-driftpolicy.yaml")), DriftPolicy.class);
    }
}
