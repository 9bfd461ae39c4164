package dev.seed.mlops.trainer.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seed.mlops.api.v1alpha1.DataFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes one table, given as CSV text with a header, as a source in each format, the way a user's tool would: JSON
 * Lines with numbers as JSON numbers and empty cells as null; Parquet (written with the library the trainer reads it
 * with) with a DOUBLE column where every cell is a number or empty, a UTF-8 string column otherwise.
 */
public enum SourceFiles {
    CSV(DataFormat.csv, ".csv", false),
    CSV_GZ(DataFormat.csv, ".csv.gz", true),
    JSONL(DataFormat.jsonl, ".jsonl", false),
    JSONL_GZ(DataFormat.jsonl, ".jsonl.gz", true),
    PARQUET(DataFormat.parquet, ".parquet", false);

    public final DataFormat format;
    private final String suffix;
    private final boolean gzip;

    SourceFiles(DataFormat format, String suffix, boolean gzip) {
        this.format = format;
        this.suffix = suffix;
        this.gzip = gzip;
    }

    /** The file, named name + the format's suffix, in the directory. */
    public Path write(String csv, Path directory, String name) throws IOException {
        Path file = directory.resolve(name + suffix);
        List<List<String>> rows = parse(csv);
        if (format == DataFormat.parquet) {
            writeParquet(rows, file);
            return file;
        }
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write((format == DataFormat.csv ? csv : jsonLines(rows)).getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** How a message locates data row r: CSV counts the header line, JSON Lines has none, Parquet has no lines. */
    public String rowAt(long row) {
        return switch (format) {
            case csv -> "row " + row + " (line " + (row + 1) + ")";
            case jsonl -> "row " + row + " (line " + row + ")";
            case parquet -> "row " + row + ", ";
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase().replace('_', '.');
    }

    static List<List<String>> parse(String csv) {
        Violations violations = new Violations();
        try (CsvRecords records = new CsvRecords(new StringReader(csv), "test", violations)) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(records.columns());
            while (records.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < records.columns().size(); i++) {
                    row.add(records.text(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jsonLines(List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        List<String> header = rows.get(0);
        for (List<String> row : rows.subList(1, rows.size())) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < header.size(); i++) {
                String cell = row.get(i);
                Double number = NumberText.parse(cell);
                if (cell.isEmpty()) {
                    object.putNull(header.get(i));
                } else if (number != null) {
                    object.put(header.get(i), new BigDecimal(cell));
                } else {
                    object.put(header.get(i), cell);
                }
            }
            text.append(object).append('\n');
        }
        return text.toString();
    }

    private static void writeParquet(List<List<String>> rows, Path file) throws IOException {
        List<String> header = rows.get(0);
        List<List<String>> data = rows.subList(1, rows.size());
        boolean[] numeric = new boolean[header.size()];
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (int i = 0; i < header.size(); i++) {
            int column = i;
            numeric[i] = data.stream().allMatch(row -> row.get(column).isEmpty() || NumberText.parse(row.get(column)) != null);
            if (numeric[i]) {
                schema.optional(PrimitiveTypeName.DOUBLE).named(header.get(i));
            } else {
                schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(header.get(i));
            }
        }
        MessageType type = schema.named("table");
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(type)
                .withConf(new PlainParquetConfiguration()).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            for (List<String> row : data) {
                Group group = groups.newGroup();
                for (int i = 0; i < header.size(); i++) {
                    String cell = row.get(i);
                    if (cell.isEmpty()) {
                        continue;
                    }
                    if (numeric[i]) {
                        group.append(header.get(i), NumberText.parse(cell));
                    } else {
                        group.append(header.get(i), cell);
                    }
                }
                writer.write(group);
            }
        }
    }
}
