package dev.seed.mlops.operator.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static final Instant T = Instant.parse("2026-03-14T10:17:30Z");

    @Test
    void stepsAndRangesFireAtTheNextMatchingMinute() {
        assertThat(CronSchedule.parse("*/15 * * * *").next(T)).contains(Instant.parse("2026-03-14T10:30:00Z"));
        assertThat(CronSchedule.parse("5 9-17/4 * * *").next(T)).contains(Instant.parse("2026-03-14T13:05:00Z"));
        assertThat(CronSchedule.parse("0,45 10 * * *").next(T)).contains(Instant.parse("2026-03-14T10:45:00Z"));
    }

    @Test
    void macrosAndSundayAsSevenAreUnderstood() {
        assertThat(CronSchedule.parse("@daily").next(T)).contains(Instant.parse("2026-03-15T00:00:00Z"));
        assertThat(CronSchedule.parse("30 6 * * 7").next(T)).contains(Instant.parse("2026-03-15T06:30:00Z"));
        assertThat(CronSchedule.parse("@monthly").next(T)).contains(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEither() {
        // The 20th, or a Monday (the 16th comes first).
        assertThat(CronSchedule.parse("0 0 20 * 1").next(T)).contains(Instant.parse("2026-03-16T00:00:00Z"));
    }

    @Test
    void aDateThatNeverComesNeverFires() {
        assertThat(CronSchedule.parse("0 0 30 2 *").next(T)).isEmpty();
    }

    @Test
    void theLatestDueTimeInAnIntervalIsTheLastOne() {
        assertThat(CronSchedule.parse("*/10 * * * *").latestIn(Instant.parse("2026-03-14T09:00:00Z"), T))
                .contains(Instant.parse("2026-03-14T10:10:00Z"));
        assertThat(CronSchedule.parse("@daily").latestIn(Instant.parse("2026-03-14T09:00:00Z"), T)).isEmpty();
    }

    @Test
    void anOutOfRangeNumberIsNamed() {
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessageContaining("Value 61 not in range [0, 59]");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * 13 *")).hasMessageContaining("Value 13 not in range [1, 12]");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * *")).isInstanceOf(IllegalArgumentException.class);
    }
}
