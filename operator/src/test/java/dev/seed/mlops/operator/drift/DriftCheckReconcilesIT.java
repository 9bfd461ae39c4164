package dev.seed.mlops.operator.drift;

import static dev.seed.mlops.operator.drift.ScriptedDriftProvider.clear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.DriftAction;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.micrometer.core.instrument.Counter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a DriftPolicy's periodic check costs the operator, counted on the real API server: one reconcile, the one that
 * takes its reading. At 100 policies each check took two (one at the due time to ask for the reading, one when it was
 * back), 3.4 reconciles/s of the steady state's idle CPU (issue 19).
 */
@ExtendWith(ApiServerExtension.class)
class DriftCheckReconcilesIT {
    private static final ScriptedDriftProvider DRIFT = new ScriptedDriftProvider();

    @Test
    void aPeriodicCheckCostsOneReconcile(TestApiServer api) {
        try (OperatorHarness cluster = OperatorHarness.playingInferenceServices(api, "drift-checks", DRIFT)) {
            DriftPolicyReconcilerIT.serve(cluster, "steady", 1, "steady-v1");
            DRIFT.sequence("steady-drift", List.of(clear()));
            cluster.client.resource(DriftPolicyReconcilerIT.policy("steady-drift", "steady", DriftAction.AlertOnly, 2, "credit"))
                    .inNamespace(cluster.namespace).create();
            // Past the first checks, whose verdicts are written: from then on only the schedule moves.
            await().until(() -> DRIFT.evaluations("steady-drift") >= 3);
            int checksBefore = DRIFT.evaluations("steady-drift");
            double reconcilesBefore = reconciles(cluster);

            await().until(() -> DRIFT.evaluations("steady-drift") >= checksBefore + 10);
            double reconciles = reconciles(cluster) - reconcilesBefore;
            int checks = DRIFT.evaluations("steady-drift") - checksBefore;

            // One check may be between its reading and its reconcile at either end of the count.
            assertThat(reconciles).as("reconciles for %d checks", checks).isLessThanOrEqualTo(checks + 1.0);
        }
    }

    private static double reconciles(OperatorHarness cluster) {
        return cluster.registry.find("reconciliations.success.total").tag("controller.name", "driftpolicyreconciler")
                .counters().stream().mapToDouble(Counter::count).sum();
    }
}
