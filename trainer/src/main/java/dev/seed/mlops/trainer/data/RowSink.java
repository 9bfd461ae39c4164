package dev.seed.mlops.trainer.data;

import java.io.IOException;

/** Takes the rows of a streaming read one at a time; the row object is reused, so a sink copies what it keeps. */
@FunctionalInterface
public interface RowSink {
    /** @param index the row's 0-based index among the source's data rows */
    void accept(long index, Row row) throws IOException;
}
