package dev.seed.mlops.operator.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go's time.ParseDuration reads them, without a sign: a sequence of decimal numbers, each with an optional
 * fraction and a unit (ns, us or µs, ms, s, m, h), e.g. 30s, 1.5h, 1h30m, 250ms; or 0. The CRDs' CEL rule
 * (ApiGroup.DURATION_RULE) accepts the same strings.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private Durations() {
    }

    public static Duration parse(String text) {
        if ("0".equals(text)) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (end < text.length() && matcher.find(end) && matcher.start() == end && matcher.group(1).matches(".*[0-9].*")) {
            nanos = nanos.add(new BigDecimal(matcher.group(1).endsWith(".") ? matcher.group(1) + "0" : matcher.group(1))
                    .multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)))));
            end = matcher.end();
        }
        if (end != text.length() || text.isEmpty()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (expected e.g. 30s, 1.5h, 1h30m or 250ms)");
        }
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' is longer than Go's limit of about 2562047h", e);
        }
    }
}
