package dev.seed.mlops.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Measurements asked for ahead: started at their time by no reconcile, replaced or withdrawn until then. */
class MeasurementsTest {
    private static final ResourceID PRIMARY = new ResourceID("credit-drift", "drift");

    private final Measurements<Pod, String, String> measurements = new Measurements<>("test", Clock.systemUTC(), Duration.ofSeconds(10));
    private final List<String> started = new CopyOnWriteArrayList<>();

    private Supplier<CompletableFuture<String>> measuring(String what) {
        return () -> {
            started.add(what);
            return CompletableFuture.completedFuture(what + " measured");
        };
    }

    private static Instant in(long millis) {
        return Instant.now().plusMillis(millis);
    }

    private Measurements.Measured<String, String> awaitResult() {
        return await().until(() -> measurements.latest(PRIMARY).orElse(null), result -> result != null);
    }

    @Test
    void aMeasurementAskedAheadStartsAtItsTimeByItself() {
        assertThat(measurements.request(PRIMARY, "check at 10:01", in(100), measuring("check at 10:01"))).isTrue();

        Measurements.Measured<String, String> result = awaitResult();

        assertThat(result.key()).isEqualTo("check at 10:01");
        assertThat(result.value()).contains("check at 10:01 measured");
        assertThat(measurements.running(PRIMARY)).isFalse();
    }

    @Test
    void aLaterAskReplacesOneThatHasNotStarted() {
        measurements.request(PRIMARY, "check at 10:01", in(100), measuring("with two pods"));
        measurements.request(PRIMARY, "check at 10:01", in(200), measuring("with three pods"));

        assertThat(awaitResult().value()).contains("with three pods measured");
        assertThat(started).containsExactly("with three pods");
    }

    @Test
    void anAskWhoseTimeHasPassedStartsAtOnceInsteadOfTheOneAheadOfIt() {
        measurements.request(PRIMARY, "check at 10:01", in(3_600_000), measuring("ahead"));

        measurements.request(PRIMARY, "check at 10:00", Instant.now().minusSeconds(1), measuring("overdue"));

        assertThat(awaitResult().key()).isEqualTo("check at 10:00");
        assertThat(started).containsExactly("overdue");
    }

    @Test
    void aWithdrawnMeasurementNeverStarts() {
        measurements.request(PRIMARY, "check at 10:01", in(100), measuring("withdrawn"));
        measurements.withdraw(PRIMARY);
        Measurements<Pod, String, String> later = new Measurements<>("later", Clock.systemUTC(), Duration.ofSeconds(10));
        later.request(PRIMARY, "after it", in(300), measuring("after it"));

        // Starts run in the order of their times: once the later one ran, the withdrawn one would have.
        await().until(() -> later.latest(PRIMARY).isPresent());

        assertThat(started).containsExactly("after it");
        assertThat(measurements.latest(PRIMARY)).isEmpty();
    }
}
