package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.operator.common.PlannedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.seed.mlops.api.v1alpha1.ApprovalDecision;
import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceSpec;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelArtifactRef;
import dev.seed.mlops.api.v1alpha1.ModelSource;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionSpec;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import dev.seed.mlops.api.v1alpha1.ServiceRollback;
import dev.seed.mlops.api.v1alpha1.StageTransition;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.Timestamps;
import dev.seed.mlops.operator.inferenceservice.RolloutOutcome;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ModelVersionPlannerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void recordsTheGateDecisionOfTheAnnotationsAsApproval() {
        ModelVersionPlan plan = plan(gated("m-v2", "Validated", "passed: auc 0.91 >= 0.80"));

        assertThat(plan.status().getApproval().getDecision()).isEqualTo(ApprovalDecision.Validated);
        assertThat(plan.status().getApproval().getReason()).isEqualTo("passed: auc 0.91 >= 0.80");
        assertThat(plan.status().getApproval().getTime()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Validated);
        assertThat(ready(plan).getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(plan.events()).containsExactly(new PlannedEvent(false, EventReason.StageChanged, "stage Validated: passed: auc 0.91 >= 0.80"));
    }

    @Test
    void theApprovalIsRecordedOnceAndAChangedAnnotationDoesNotChangeIt() {
        ModelVersion version = gated("m-v2", "Validated", "passed");
        version.setStatus(plan(version).status());
        version.getMetadata().getAnnotations().put(Labels.GATE_DECISION, "Rejected");

        ModelVersionPlan later = plan(version, NOW.plusSeconds(60));

        assertThat(later.status().getApproval().getDecision()).isEqualTo(ApprovalDecision.Validated);
        assertThat(later.status().getApproval().getTime()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(later.status().getStage()).isEqualTo(ModelStage.Validated);
    }

    @Test
    void aVersionTheGatesRejectedIsRejectedWithAWarning() {
        ModelVersionPlan plan = plan(gated("m-v2", "Rejected", "auc 0.79 is below the minimum 0.80"));

        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Rejected);
        assertThat(plan.status().getReason()).isEqualTo("auc 0.79 is below the minimum 0.80");
        assertThat(ready(plan).getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(plan.events()).singleElement().satisfies(e -> assertThat(e.warning()).isTrue());
    }

    @Test
    void aHandMadeVersionWithoutGateDecisionIsACandidateServedOnlyWherePinned() {
        ModelVersionPlan plan = plan(version("m-v1"));

        assertThat(plan.status().getApproval()).isNull();
        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Candidate);
        assertThat(plan.status().getReason()).isEqualTo("registered by hand; an InferenceService serves it only when pinned to version 1");
        assertThat(ready(plan).getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(ready(plan).getReason()).isEqualTo("Candidate");
    }

    @Test
    void aCandidateAnnotatedLaterByHandIsApprovedThen() {
        ModelVersion version = version("m-v1");
        version.setStatus(plan(version).status());
        version.getMetadata().setAnnotations(new HashMap<>(Map.of(Labels.GATE_DECISION, "Validated", Labels.GATE_REASON, "checked by hand")));

        assertThat(plan(version).status().getStage()).isEqualTo(ModelStage.Validated);
        assertThat(plan(version).status().getApproval().getReason()).isEqualTo("checked by hand");
    }

    @Test
    void anUnknownGateDecisionLeavesTheVersionACandidateAndSaysWhy() {
        ModelVersionPlan plan = plan(gated("m-v1", "Approved", "looks fine"));

        assertThat(plan.status().getApproval()).isNull();
        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Candidate);
        assertThat(plan.status().getReason()).startsWith("annotation mlops.seed.dev/gate-decision is \"Approved\", expected Validated or Rejected");
    }

    @Test
    void aVersionServedAsStableIsInProductionAndRemembersWhenItFirstWas() {
        ModelVersionPlan plan = plan(gated("m-v1", "Validated", "passed"), stable("fraud", "m-v1"));

        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Production);
        assertThat(plan.status().getReason()).isEqualTo("stable on fraud");
        assertThat(plan.status().getServedBy()).containsExactly("fraud");
        assertThat(plan.status().getFirstProductionTime()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(plan.status().getApproval().getDecision()).isEqualTo(ApprovalDecision.Validated);
    }

    @Test
    void aVersionOnlyCanariedIsCanaryWithItsWeight() {
        ModelVersionPlan plan = plan(gated("m-v2", "Validated", "passed"), stable("fraud", "m-v1"), canary(stable("fraud", "m-v1"), "m-v2", 10));

        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Canary);
        assertThat(plan.status().getReason()).isEqualTo("canary on fraud at 10%");
        assertThat(plan.status().getFirstProductionTime()).isNull();
    }

    @Test
    void aVersionStableOnOneServiceAndCanaryOnAnotherIsInProductionNamingBoth() {
        ModelVersionPlan plan = plan(gated("m-v2", "Validated", "passed"),
                stable("eu", "m-v2"), canary(stable("us", "m-v1"), "m-v2", 50), stable("asia", "m-v1"));

        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Production);
        assertThat(plan.status().getReason()).isEqualTo("stable on eu; canary on us at 50%");
        assertThat(plan.status().getServedBy()).containsExactly("eu", "us");
    }

    @Test
    void aRollbackOnOneServiceLeavesTheVersionValidatedAndListsTheService() {
        ModelVersion version = gated("m-v2", "Validated", "passed");
        version.setStatus(plan(version, canary(stable("fraud", "m-v1"), "m-v2", 10)).status());

        ModelVersionPlan plan = plan(version, withHistory(stable("fraud", "m-v1"), RolloutOutcome.ROLLED_BACK, 2, "error rate 0.2000 > 0.0100"));

        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Validated);
        assertThat(plan.status().getApproval().getDecision()).isEqualTo(ApprovalDecision.Validated);
        assertThat(plan.status().getRolledBackOn()).extracting(ServiceRollback::getInferenceService, ServiceRollback::getReason)
                .containsExactly(tuple("fraud", "error rate 0.2000 > 0.0100"));
        assertThat(plan.status().getReason()).isEqualTo("rolled back on fraud (latest: error rate 0.2000 > 0.0100); other InferenceServices of the model may still serve it");
        assertThat(ready(plan).getStatus()).isEqualTo(ConditionStatus.True);
    }

    @Test
    void aRollbackIsRememberedAfterTheServiceThatDidItIsGone() {
        ModelVersion version = gated("m-v2", "Validated", "passed");
        version.setStatus(plan(version, withHistory(stable("fraud", "m-v1"), RolloutOutcome.ROLLED_BACK, 2, "p99")).status());

        assertThat(plan(version).status().getRolledBackOn()).extracting(ServiceRollback::getInferenceService).containsExactly("fraud");
    }

    @Test
    void aRollbackOfAnotherModelsVersionWithTheSameNumberIsIgnored() {
        InferenceService other = withHistory(stable("other", "o-v1"), RolloutOutcome.ROLLED_BACK, 2, "p99");
        other.getSpec().setModel("o");

        assertThat(plan(gated("m-v2", "Validated", "passed"), other).status().getRolledBackOn()).isEmpty();
    }

    @Test
    void aVersionThatWasStableAndThatNothingServesNowIsRetiredNamingItsReplacement() {
        ModelVersion version = gated("m-v1", "Validated", "passed");
        version.setStatus(plan(version, stable("fraud", "m-v1")).status());

        ModelVersionPlan plan = plan(version, withHistory(stable("fraud", "m-v2"), RolloutOutcome.PROMOTED, 2,
                "replaced v1; retrained after drift: age psi 0.31"));

        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Retired);
        assertThat(plan.status().getReason()).isEqualTo("replaced by v2 on fraud; retrained after drift: age psi 0.31");
        assertThat(plan.status().getServedBy()).isEmpty();
        assertThat(ready(plan).getStatus()).isEqualTo(ConditionStatus.False);
    }

    @Test
    void aVersionRetiredOnOneServiceStaysInProductionWhileAnotherServesIt() {
        ModelVersion version = gated("m-v1", "Validated", "passed");
        version.setStatus(plan(version, stable("eu", "m-v1"), stable("us", "m-v1")).status());

        ModelVersionPlan plan = plan(version, withHistory(stable("eu", "m-v2"), RolloutOutcome.PROMOTED, 2, "replaced v1"), stable("us", "m-v1"));

        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Production);
        assertThat(plan.status().getReason()).isEqualTo("stable on us");
    }

    @Test
    void aVersionWhoseOnlyServiceWasDeletedIsRetiredAndInProductionAgainWhenTheServiceIsRecreated() {
        ModelVersion version = gated("m-v1", "Validated", "passed");
        version.setStatus(plan(version, stable("fraud", "m-v1")).status());
        version.setStatus(plan(version).status());
        assertThat(version.getStatus().getStage()).isEqualTo(ModelStage.Retired);
        assertThat(version.getStatus().getReason()).isEqualTo("no InferenceService serves it any more");

        ModelVersionPlan recreated = plan(version, NOW.plusSeconds(60), stable("fraud", "m-v1"));

        assertThat(recreated.status().getStage()).isEqualTo(ModelStage.Production);
        assertThat(recreated.status().getFirstProductionTime()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(recreated.status().getTransitions()).extracting(StageTransition::getStage)
                .containsExactly(ModelStage.Production, ModelStage.Retired, ModelStage.Production);
    }

    @Test
    void aCanaryWhoseServiceWasDeletedBeforeItWasStableIsNotRetired() {
        ModelVersion version = gated("m-v2", "Validated", "passed");
        version.setStatus(plan(version, canary(stable("fraud", "m-v1"), "m-v2", 10)).status());

        assertThat(plan(version).status().getStage()).isEqualTo(ModelStage.Validated);
    }

    @Test
    void aServiceThatNowNamesAnotherModelStillCountsAsServingTheVersionItsStatusNames() {
        InferenceService moved = stable("fraud", "m-v1");
        moved.getSpec().setModel("other");

        assertThat(plan(gated("m-v1", "Validated", "passed"), moved).status().getServedBy()).containsExactly("fraud");
        assertThat(ModelVersionPlanner.deletionBlocked(gated("m-v1", "Validated", "passed"), seen(moved))).isPresent();
    }

    @Test
    void deletionWaitsWhileAnyServiceServesTheVersionAsStableOrCanary() {
        ModelVersion version = gated("m-v2", "Validated", "passed");

        assertThat(ModelVersionPlanner.deletionBlocked(version, seen(canary(stable("fraud", "m-v1"), "m-v2", 10), stable("eu", "m-v2"))))
                .contains(new PlannedEvent(true, EventReason.DeletionBlocked,
                        "deletion waits: InferenceService eu, fraud still serves this version; it is deleted once nothing does"));
        assertThat(ModelVersionPlanner.deletionBlocked(version, seen(stable("fraud", "m-v1")))).isEmpty();
    }

    @Test
    void planningTheSameObservationAgainChangesNothingAndRecordsNoEvent() {
        ModelVersion version = gated("m-v2", "Validated", "passed");
        InferenceService fraud = canary(stable("fraud", "m-v1"), "m-v2", 10);
        version.setStatus(plan(version, fraud).status());

        ModelVersionPlan again = plan(version, NOW.plusSeconds(30), fraud);

        assertThat(again.events()).isEmpty();
        assertThat(again.status()).usingRecursiveComparison().isEqualTo(version.getStatus());
    }

    @Test
    void onlyTheLatestTwentyTransitionsAreKept() {
        ModelVersion version = gated("m-v1", "Validated", "passed");
        for (int i = 0; i < 15; i++) {
            version.setStatus(plan(version, NOW.plusSeconds(i), stable("fraud", "m-v1")).status());
            version.setStatus(plan(version, NOW.plusSeconds(i)).status());
        }

        assertThat(version.getStatus().getTransitions()).hasSize(ModelVersionPlanner.TRANSITION_HISTORY);
        assertThat(version.getStatus().getTransitions().get(19).getStage()).isEqualTo(ModelStage.Retired);
    }

    @Test
    void aStatusWrittenBeforeApprovalExistedGetsItsApprovalFromTheAnnotationsAndStaysRetired() {
        ModelVersion version = gated("m-v1", "Validated", "passed");
        ModelVersionStatus old = new ModelVersionStatus();
        old.setStage(ModelStage.Retired);
        old.setReason("replaced by v2 on fraud");
        StageTransition production = new StageTransition();
        production.setStage(ModelStage.Production);
        production.setTime("2026-11-01T00:00:00Z");
        old.getTransitions().add(production);
        version.setStatus(old);

        ModelVersionPlan plan = plan(version);

        assertThat(plan.status().getApproval().getDecision()).isEqualTo(ApprovalDecision.Validated);
        assertThat(plan.status().getStage()).isEqualTo(ModelStage.Retired);
        assertThat(plan.status().getReason()).isEqualTo("replaced by v2 on fraud");
        assertThat(plan.status().getFirstProductionTime()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(plan.events()).isEmpty();
    }

    private static ModelVersionPlan plan(ModelVersion version, InferenceService... services) {
        return plan(version, NOW, services);
    }

    private static ModelVersionPlan plan(ModelVersion version, Instant now, InferenceService... services) {
        return ModelVersionPlanner.plan(version, seen(services), now);
    }

    private static ModelVersionObservation seen(InferenceService... services) {
        return ModelVersionObservation.of(Stream.of(services));
    }

    private static Condition ready(ModelVersionPlan plan) {
        return plan.status().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
    }

    private static ModelVersion version(String name) {
        ModelVersion mv = new ModelVersion();
        mv.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withGeneration(1L).build());
        ModelVersionSpec spec = new ModelVersionSpec();
        spec.setModel(ServingStatuses.model(name));
        spec.setVersion(ServingStatuses.number(name));
        mv.setSpec(spec);
        return mv;
    }

    /** A version a TrainingJob registered with its gates' decision (and a training profile as drift baseline). */
    private static ModelVersion gated(String name, String decision, String reason) {
        ModelVersion mv = version(name);
        mv.getMetadata().setAnnotations(new HashMap<>(Map.of(Labels.GATE_DECISION, decision, Labels.GATE_REASON, reason)));
        ModelSource source = new ModelSource();
        source.setTrainingJob(ServingStatuses.model(name) + "-train");
        mv.getSpec().setSource(source);
        ModelArtifactRef artifact = new ModelArtifactRef();
        artifact.setUri("pvc://mlops-store/models/" + ServingStatuses.model(name) + "/" + ServingStatuses.number(name));
        mv.getSpec().setArtifact(artifact);
        return mv;
    }

    private static InferenceService stable(String name, String modelVersion) {
        InferenceService isvc = new InferenceService();
        isvc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").build());
        InferenceServiceSpec spec = new InferenceServiceSpec();
        spec.setModel(ServingStatuses.model(modelVersion));
        isvc.setSpec(spec);
        isvc.setStatus(new InferenceServiceStatus());
        isvc.getStatus().setStable(ServingStatuses.stable(modelVersion));
        return isvc;
    }

    private static InferenceService canary(InferenceService isvc, String modelVersion, int weight) {
        isvc.getStatus().setCanary(ServingStatuses.canary(modelVersion, weight));
        return isvc;
    }

    private static InferenceService withHistory(InferenceService isvc, String outcome, long version, String reason) {
        isvc.getStatus().getHistory().add(0, ServingStatuses.rollout(outcome, version, reason, Timestamps.format(NOW.minus(Duration.ofMinutes(5)))));
        return isvc;
    }
}
