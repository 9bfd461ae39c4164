package dev.seed.mlops.artifact;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a prepare or train Job reports in its container's termination message (at most 4096 bytes, so small).
 *
 * @param command      prepare or train
 * @param success      whether the command succeeded
 * @param digest       prepare: sha256:&lt;hex&gt; of the source; train: sha256 of the model file
 * @param uri          where the snapshot or the model artifact was written
 * @param rows         prepare: data rows in the source
 * @param trainRows    prepare: rows in the training split
 * @param testRows     prepare: rows in the test split
 * @param metrics      train: test-split metrics, plus champion.&lt;metric&gt; when a champion was scored; a search
 *                     trial: validation.&lt;metric&gt; on the validation split instead
 * @param message      a human-readable summary, or what went wrong (source, row, column, rule)
 * @param transforms   prepare: the transforms fitted on the training split, bounded for the termination message
 *                     ({@code FittedTransforms#summaries}); null without transforms
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobResult(
        String command,
        boolean success,
        String digest,
        String uri,
        Long rows,
        Long trainRows,
        Long testRows,
        Map<String, Double> metrics,
        String message,
        List<String> transforms) {
    /** Prefix of a search trial's metrics on the validation split: validation.auc, ... */
    public static final String VALIDATION_PREFIX = "validation.";
    /** Prefix of a trial's metric on the validation split at search.earlyStopping.afterRounds: checkpoint.auc, ... */
    public static final String CHECKPOINT_PREFIX = "checkpoint.";
    /** A trial stopped as hopeless reports the round it stopped at under this key, and no objective. */
    public static final String STOPPED_AT_ROUND = "stoppedAtRound";
    /**
     * The exit code of a trainer run that failed on its input (the spec, the data, the command line): running it again
     * cannot succeed, so the operator's Jobs fail at once on it instead of retrying. Other failures exit 1.
     */
    public static final int INVALID_INPUT_EXIT_CODE = 2;

    /** A result without fitted transforms: every command's but a prepare of a Dataset with transforms. */
    public JobResult(String command, boolean success, String digest, String uri, Long rows, Long trainRows,
            Long testRows, Map<String, Double> metrics, String message) {
        this(command, success, digest, uri, rows, trainRows, testRows, metrics, message, null);
    }

    /** The same result with another message. */
    public JobResult withMessage(String newMessage) {
        return new JobResult(command, success, digest, uri, rows, trainRows, testRows, metrics, newMessage, transforms);
    }
}
