package dev.seed.mlops.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "5m, PT5M", "1h30m, PT1H30M", "250ms, PT0.25S", "168h, PT168H"})
    void parsesGoDurations(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1.5h, PT1H30M", ".5m, PT30S", "1.m, PT1M", "2h45m30.5s, PT2H45M30.5S", "1500us, PT0.0015S", "1500µs, PT0.0015S",
            "1500μs, PT0.0015S", "10ns, PT0.00000001S", "0.000000001s, PT0.000000001S", "1s1s, PT2S", "0, PT0S", "0s, PT0S"})
    void parsesWhatGoTimeParseDurationAccepts(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "daily", "1d", "5m ", "m5", ".s", "1.5", "-1h", "+1h", "1H", "1 h", "00", "9999999999h"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a duration");
    }
}
