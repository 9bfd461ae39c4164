package dev.seed.mlops.serving.batch;

import dev.seed.mlops.tabular.CsvParser;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The rows of one shard: the input files are read in order as one sequence of records (each file with its own header
 * row), and shard k of n takes the records whose 0-based index i in that sequence has i mod n = k. Every record goes
 * to exactly one shard whatever the format, gzip included (a gzip stream cannot be split by byte offset, and a quoted
 * CSV field may span lines), at the price of every shard parsing the whole input; only its own rows are encoded,
 * scored and written. Streams: one record in memory at a time.
 */
final class ShardRows implements Closeable {
    private final Iterator<String> files;
    private final ShardInputs inputs;
    private final int shard;
    private final int shards;
    private CsvParser parser;
    private List<String> header;
    private String file;
    private long index = -1;

    /** Local files. */
    ShardRows(List<Path> files, int shard, int shards) {
        this(files.stream().map(Path::toString).toList(), new ShardInputs(null, null), shard, shards);
    }

    /** @param files local paths or s3:// URIs, opened through {@code inputs} */
    ShardRows(List<String> files, ShardInputs inputs, int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards + " does not exist");
        }
        this.files = files.iterator();
        this.inputs = inputs;
        this.shard = shard;
        this.shards = shards;
    }

    /** The fields of this shard's next row (reused by the next call), or null after the last. */
    List<String> next() throws IOException {
        while (true) {
            List<String> record = parser == null ? null : parser.next();
            if (record == null) {
                if (!openNext()) {
                    return null;
                }
                continue;
            }
            index++;
            if (index % shards == shard) {
                if (record.size() != header.size()) {
                    throw new IOException(file + " line " + parser.recordLine() + ": " + record.size()
                            + " fields where the header has " + header.size());
                }
                return record;
            }
        }
    }

    /** The 0-based index in the whole input of the row {@link #next()} returned last. */
    long index() {
        return index;
    }

    /** The header of the file the current row comes from. */
    List<String> header() {
        return header;
    }

    /** The file and line of the current row, for messages. */
    String position() {
        return file + " line " + parser.recordLine();
    }

    private boolean openNext() throws IOException {
        close();
        if (!files.hasNext()) {
            return false;
        }
        file = files.next();
        parser = new CsvParser(new InputStreamReader(open(file), StandardCharsets.UTF_8));
        List<String> names = parser.next();
        if (names == null) {
            throw new IOException(file + " has no header row");
        }
        header = List.copyOf(names);
        return true;
    }

    private InputStream open(String file) throws IOException {
        InputStream in = new BufferedInputStream(inputs.open(file), 1 << 16);
        return file.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
            parser = null;
        }
    }
}
