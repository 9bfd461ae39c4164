package dev.seed.mlops.operator.drift;

import java.time.Duration;
import java.time.Instant;

/**
 * When a policy's periodic drift checks fall due: every checkInterval, on slots shifted by a whole number of seconds
 * within the interval that the policy's uid fixes. Policies created together (one chart install, one script) would
 * otherwise fall due in the same second forever, and at N = 100 that burst once a minute was most of the operator's
 * idle CPU. A late check or a restart comes back to the policy's own slot, so the spread does not decay.
 */
final class CheckSlots {
    private CheckSlots() {
    }

    /**
     * The first of the policy's slots strictly after {@code after}: within one interval of it.
     *
     * @param uid the policy's metadata.uid; null (a policy not stored yet) checks on slots of offset 0
     */
    static Instant firstAfter(Instant after, Duration interval, String uid) {
        long period = interval.toMillis();
        if (period <= 0) {
            return after.plus(interval);
        }
        long offset = offset(uid, interval).toMillis();
        long slots = Math.floorDiv(after.toEpochMilli() - offset, period) + 1;
        return Instant.ofEpochMilli(offset + slots * period);
    }

    /** The policy's offset within the interval, in whole seconds (status timestamps are whole seconds). */
    static Duration offset(String uid, Duration interval) {
        long seconds = interval.toSeconds();
        return uid == null || seconds < 2 ? Duration.ZERO : Duration.ofSeconds(Math.floorMod(uid.hashCode(), seconds));
    }
}
