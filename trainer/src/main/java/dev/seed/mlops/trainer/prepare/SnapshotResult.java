package dev.seed.mlops.trainer.prepare;

import java.util.List;

/**
 * What a prepare run produced.
 *
 * @param digest         sha256:&lt;hex&gt; of the source bytes
 * @param uri            where the snapshot is in the store
 * @param rows           data rows in the source
 * @param trainRows      rows in the training split
 * @param validationRows rows in the validation split
 * @param testRows       rows in the test split
 * @param reused         true when an identical snapshot already existed and was kept as it was
 * @param transforms     the fitted transforms summed up ({@code FittedTransforms#summaries}), null without any
 */
public record SnapshotResult(String digest, String uri, long rows, long trainRows, long validationRows, long testRows,
                             boolean reused, List<String> transforms) {
}
