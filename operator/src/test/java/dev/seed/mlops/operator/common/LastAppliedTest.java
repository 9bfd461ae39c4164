package dev.seed.mlops.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LastAppliedTest {
    private static final ResourceID OWNER = new ResourceID("credit", "ml");
    private final MutableClock clock = new MutableClock();
    private final LastApplied lastApplied = new LastApplied(clock, Duration.ofMinutes(10));

    @Test
    void aWatchedChildIsCurrentWhileTheCacheShowsWhatTheApplyReturned() {
        lastApplied.applied(OWNER, routing("10"), withVersion(routing("10"), "7"));

        assertThat(lastApplied.matchesCache(OWNER, routing("10"), Optional.of(withVersion(routing("10"), "7")))).isTrue();
        assertThat(lastApplied.matchesCache(OWNER, routing("10"), Optional.of(withVersion(routing("10"), "8")))).as("written since").isFalse();
        assertThat(lastApplied.matchesCache(OWNER, routing("10"), Optional.empty())).as("deleted since").isFalse();
        assertThat(lastApplied.matchesCache(OWNER, routing("50"), Optional.of(withVersion(routing("10"), "7")))).as("desired changed").isFalse();
    }

    @Test
    void anUnwatchedChildIsAppliedAgainAfterTheRefreshPeriod() {
        lastApplied.applied(OWNER, routing("10"), withVersion(routing("10"), "7"));

        assertThat(lastApplied.appliedRecently(OWNER, routing("10"))).isTrue();
        assertThat(lastApplied.appliedRecently(OWNER, routing("50"))).isFalse();
        clock.advance(Duration.ofMinutes(10));
        assertThat(lastApplied.appliedRecently(OWNER, routing("10"))).isFalse();
    }

    @Test
    void nothingIsRememberedOfAForgottenOwnerOrAnotherOne() {
        lastApplied.applied(OWNER, routing("10"), withVersion(routing("10"), "7"));

        assertThat(lastApplied.appliedRecently(new ResourceID("credit", "other"), routing("10"))).isFalse();
        lastApplied.forget(OWNER);
        assertThat(lastApplied.appliedRecently(OWNER, routing("10"))).isFalse();
    }

    private static ConfigMap routing(String weight) {
        return new ConfigMapBuilder().withNewMetadata().withName("credit-routing").withNamespace("ml").endMetadata()
                .withData(Map.of("weight", weight)).build();
    }

    private static ConfigMap withVersion(ConfigMap configMap, String resourceVersion) {
        return new ConfigMapBuilder(configMap).editMetadata().withResourceVersion(resourceVersion).endMetadata().build();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
