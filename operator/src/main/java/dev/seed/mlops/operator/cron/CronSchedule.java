package dev.seed.mlops.operator.cron;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;

/**
 * A cron schedule in UTC as a CronJob reads it: minute hour day-of-month month day-of-week (0 or 7 is Sunday), each a
 * '*', a number, a range a-b, a step *&#47;n or a-b/n, or a comma-separated list of those; or a macro such as @daily.
 * As in cron, when both day fields are restricted a day matches either. The API server checks the shape; this class
 * checks the numbers and says which one is out of range.
 */
public final class CronSchedule {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@hourly", "0 * * * *");
    /** Five years of minutes: a schedule with no time in them (such as February 30th) never fires. */
    private static final long SEARCH_MINUTES = 5L * 366 * 24 * 60;

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean anyDay;
    private final boolean anyWeekday;

    private CronSchedule(BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays, boolean anyDay, boolean anyWeekday) {
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.weekdays = weekdays;
        this.anyDay = anyDay;
        this.anyWeekday = anyWeekday;
    }

    /** @throws IllegalArgumentException naming the field and value that cannot be read */
    public static CronSchedule parse(String expression) {
        String text = MACROS.getOrDefault(expression.trim(), expression.trim());
        String[] fields = text.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("schedule '" + expression + "' has " + fields.length + " fields; cron has five: minute hour day-of-month month day-of-week");
        }
        BitSet weekdays = field("day-of-week", fields[4], 0, 7);
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        return new CronSchedule(field("minute", fields[0], 0, 59), field("hour", fields[1], 0, 23),
                field("day-of-month", fields[2], 1, 31), field("month", fields[3], 1, 12), weekdays,
                fields[2].equals("*"), fields[4].equals("*"));
    }

    /** The first time after {@code after} (exclusive) the schedule fires, or empty when it never does. */
    public Optional<Instant> next(Instant after) {
        ZonedDateTime time = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        for (long i = 0; i < SEARCH_MINUTES; ) {
            if (!months.get(time.getMonthValue())) {
                ZonedDateTime next = time.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                i += ChronoUnit.MINUTES.between(time, next);
                time = next;
            } else if (!dayMatches(time)) {
                ZonedDateTime next = time.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                i += ChronoUnit.MINUTES.between(time, next);
                time = next;
            } else if (!hours.get(time.getHour())) {
                ZonedDateTime next = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                i += ChronoUnit.MINUTES.between(time, next);
                time = next;
            } else if (!minutes.get(time.getMinute())) {
                time = time.plusMinutes(1);
                i++;
            } else {
                return Optional.of(time.toInstant());
            }
        }
        return Optional.empty();
    }

    /** The latest time in (after, until] the schedule fires, or empty when there is none. */
    public Optional<Instant> latestIn(Instant after, Instant until) {
        Optional<Instant> latest = Optional.empty();
        Optional<Instant> next = next(after);
        while (next.isPresent() && !next.get().isAfter(until)) {
            latest = next;
            next = next(next.get());
        }
        return latest;
    }

    private boolean dayMatches(ZonedDateTime time) {
        boolean day = days.get(time.getDayOfMonth());
        boolean weekday = weekdays.get(time.getDayOfWeek().getValue() % 7);
        if (anyDay || anyWeekday) {
            return day && weekday;
        }
        return day || weekday;
    }

    private static BitSet field(String name, String text, int min, int max) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(name, part.substring(slash + 1), 1, max);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw new IllegalArgumentException(name + " '" + part + "' is not a range a-b");
                }
                from = number(name, ends[0], min, max);
                to = number(name, ends[1], min, max);
                if (from > to) {
                    throw new IllegalArgumentException(name + " range '" + range + "' ends before it starts");
                }
            } else {
                from = number(name, range, min, max);
                to = slash >= 0 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " " + value + " is out of range " + min + "-" + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a number");
        }
    }
}
