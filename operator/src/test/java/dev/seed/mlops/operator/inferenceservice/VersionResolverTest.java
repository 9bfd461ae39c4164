package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Approval;
import dev.seed.mlops.api.v1alpha1.ApprovalDecision;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceSpec;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionSpec;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.api.v1alpha1.ServiceRollback;
import dev.seed.mlops.operator.modelversion.ServingStatuses;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The statuses below are what the ModelVersion reconciler writes while InferenceServices serve and roll back. */
class VersionResolverTest {
    @Test
    void aSecondServicePicksUpTheVersionTheFirstOneCanaries() {
        ModelVersion v1 = version(1, ApprovalDecision.Validated, ModelStage.Production);
        ModelVersion v2 = version(2, ApprovalDecision.Validated, ModelStage.Canary);

        assertThat(target(service("second", null, "m-v1"), v1, v2)).contains("m-v2");
    }

    @Test
    void aServiceReCreatedByGitOpsServesTheVersionInProductionElsewhere() {
        ModelVersion v1 = version(1, ApprovalDecision.Validated, ModelStage.Retired);
        ModelVersion v2 = version(2, ApprovalDecision.Validated, ModelStage.Production);

        assertThat(target(service("recreated", null, null), v1, v2)).contains("m-v2");
    }

    @Test
    void aServiceReCreatedWhileNothingServesItsRetiredVersionServesIt() {
        ModelVersion v1 = version(1, ApprovalDecision.Validated, ModelStage.Retired);

        assertThat(target(service("recreated", null, null), v1)).contains("m-v1");
    }

    @Test
    void aVersionRolledBackOnOneServiceIsStillServedByAnother() {
        ModelVersion v1 = version(1, ApprovalDecision.Validated, ModelStage.Production);
        ModelVersion v2 = rolledBackOn(version(2, ApprovalDecision.Validated, ModelStage.Validated), "first");
        InferenceService first = service("first", null, "m-v1");
        first.getStatus().getHistory().add(rolledBack(2));

        assertThat(target(first, v1, v2)).contains("m-v1");
        assertThat(target(service("second", null, "m-v1"), v1, v2)).contains("m-v2");
    }

    @Test
    void aServiceReCreatedAfterARollbackDoesNotPickTheRolledBackVersionAgain() {
        ModelVersion v1 = version(1, ApprovalDecision.Validated, ModelStage.Retired);
        ModelVersion v2 = rolledBackOn(version(2, ApprovalDecision.Validated, ModelStage.Validated), "first");

        assertThat(target(service("first", null, null), v1, v2)).contains("m-v1");
    }

    @Test
    void aVersionTheGatesRejectedIsServedOnlyWherePinned() {
        ModelVersion v1 = version(1, ApprovalDecision.Validated, ModelStage.Production);
        ModelVersion v2 = version(2, ApprovalDecision.Rejected, ModelStage.Rejected);

        assertThat(target(service("unpinned", null, "m-v1"), v1, v2)).contains("m-v1");
        assertThat(target(service("pinned", 2L, "m-v1"), v1, v2)).contains("m-v2");
    }

    @Test
    void aHandMadeVersionWithoutGatesIsServedWherePinnedAndKeepsServingOnceUnpinned() {
        ModelVersion handMade = version(1, null, ModelStage.Candidate);

        assertThat(target(service("new", null, null), handMade)).isEmpty();
        assertThat(target(service("pinned", 1L, null), handMade)).contains("m-v1");
        assertThat(target(service("unpinned-later", null, "m-v1"), handMade)).contains("m-v1");
    }

    @Test
    void aPinToAVersionThatDoesNotExistResolvesToNothing() {
        assertThat(target(service("pinned", 7L, "m-v1"), version(1, ApprovalDecision.Validated, ModelStage.Production))).isEmpty();
    }

    @Test
    void versionsOfAnotherModelAreNeverPicked() {
        ModelVersion other = version(9, ApprovalDecision.Validated, ModelStage.Validated);
        other.getSpec().setModel("other");
        other.getMetadata().setName("other-v9");

        assertThat(target(service("svc", null, "other-v9"), version(1, ApprovalDecision.Validated, ModelStage.Validated), other)).contains("m-v1");
        assertThat(target(service("svc", 9L, null), other)).isEmpty();
    }

    private static Optional<String> target(InferenceService isvc, ModelVersion... versions) {
        return VersionResolver.target(isvc, List.of(versions)).map(mv -> mv.getMetadata().getName());
    }

    private static ModelVersion version(long number, ApprovalDecision decision, ModelStage stage) {
        ModelVersion mv = new ModelVersion();
        mv.setMetadata(new ObjectMetaBuilder().withName("m-v" + number).withNamespace("ns").build());
        ModelVersionSpec spec = new ModelVersionSpec();
        spec.setModel("m");
        spec.setVersion(number);
        mv.setSpec(spec);
        ModelVersionStatus status = new ModelVersionStatus();
        status.setStage(stage);
        if (decision != null) {
            Approval approval = new Approval();
            approval.setDecision(decision);
            status.setApproval(approval);
        }
        mv.setStatus(status);
        return mv;
    }

    private static ModelVersion rolledBackOn(ModelVersion mv, String service) {
        ServiceRollback rollback = new ServiceRollback();
        rollback.setInferenceService(service);
        rollback.setReason("error rate 0.2000 > maxErrorRate 0.0100");
        rollback.setTime("2026-12-01T10:00:00Z");
        mv.getStatus().getRolledBackOn().add(rollback);
        return mv;
    }

    private static InferenceService service(String name, Long pin, String stable) {
        InferenceService isvc = new InferenceService();
        isvc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").build());
        InferenceServiceSpec spec = new InferenceServiceSpec();
        spec.setModel("m");
        spec.setVersion(pin);
        isvc.setSpec(spec);
        if (stable != null) {
            isvc.setStatus(new InferenceServiceStatus());
            isvc.getStatus().setStable(ServingStatuses.stable(stable));
        }
        return isvc;
    }

    private static RolloutRecord rolledBack(long version) {
        return ServingStatuses.rollout(RolloutOutcome.ROLLED_BACK, version, "p99 410ms > maxLatencyP99 250ms", "2026-12-01T10:00:00Z");
    }
}
