package dev.seed.mlops.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaseTimingTest {
    /** The longest gap between two renewals at N = 1,000 (docs/benchmarks/operator.md, second round). */
    private static final Duration MEASURED_START_GAP = Duration.ofMillis(18_300);

    private final LeaderElectedOperator.Lease lease = new LeaderElectedOperator.Lease("mlops-operator", "mlops-system", "replica-a");

    @Test
    void aStandbyDoesNotTakeTheLeaseOverDuringTheRenewalGapsOfALoadedStart() {
        assertThat(lease.duration()).isGreaterThan(MEASURED_START_GAP.plus(lease.retryPeriod()));
    }

    @Test
    void theHolderKeepsRenewingPastTheGapsOfALoadedStartAndStillBeforeTheLeaseRunsOut() {
        assertThat(lease.renewDeadline()).isGreaterThan(MEASURED_START_GAP).isLessThan(lease.duration());
    }
}
