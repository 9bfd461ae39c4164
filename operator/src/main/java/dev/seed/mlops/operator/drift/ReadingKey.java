package dev.seed.mlops.operator.drift;

import java.time.Instant;

/**
 * Which evaluation a drift reading answers: the serving version and the time the evaluation was due. A reading of an
 * earlier evaluation or of another version is never taken for the answer to this one.
 */
public record ReadingKey(long version, Instant due) {
}
