package dev.seed.mlops.operator.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * A cron schedule in UTC as a CronJob reads it (Unix cron, read by cron-utils): minute hour day-of-month month
 * day-of-week, 0 or 7 being Sunday, or a macro such as {@code @daily}; when both day fields are restricted a day
 * matches either. The API server checks the shape; parsing checks the numbers and names the one out of range.
 */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private final ExecutionTime times;

    private CronSchedule(Cron cron) {
        this.times = ExecutionTime.forCron(cron);
    }

    /** @throws IllegalArgumentException saying what in the expression cannot be read, e.g. a value out of range */
    public static CronSchedule parse(String expression) {
        String text = MACROS.getOrDefault(expression.trim(), expression.trim());
        return new CronSchedule(PARSER.parse(text).validate());
    }

    /** The first time after {@code after} (exclusive) the schedule fires, or empty when it never does. */
    public Optional<Instant> next(Instant after) {
        return times.nextExecution(after.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
    }

    /** The latest time in (after, until] the schedule fires, or empty when there is none. */
    public Optional<Instant> latestIn(Instant after, Instant until) {
        // lastExecution is strictly before its argument; a schedule fires on whole minutes.
        return times.lastExecution(until.plusSeconds(1).atZone(ZoneOffset.UTC)).map(ZonedDateTime::toInstant)
                .filter(time -> time.isAfter(after));
    }
}
