package dev.seed.mlops.trainer.data;

import dev.seed.mlops.api.v1alpha1.DataFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Opens the {@link Records} of a source's (already decompressed) bytes in the Dataset's format. */
public final class SourceFormats {
    private SourceFormats() {
    }

    /**
     * The records of the content, read in one pass; closing them closes the content. Text formats are UTF-8, and
     * bytes that are not make the read throw {@link java.nio.charset.CharacterCodingException}.
     */
    public static Records open(DataFormat format, InputStream content, String source, Violations violations) throws IOException {
        return switch (format == null ? DataFormat.csv : format) {
            case csv -> new CsvRecords(utf8(content), source, violations);
            case jsonl -> new JsonLinesRecords(utf8(content), source, violations);
            case parquet -> ParquetRecords.spool(content, source, violations);
        };
    }

    private static Reader utf8(InputStream content) {
        return new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }
}
