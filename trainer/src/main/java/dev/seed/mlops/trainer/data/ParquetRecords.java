package dev.seed.mlops.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet, read with parquet-java (docs/formats.md says why this library). The columns are the file's top-level
 * fields that hold one value per row (required or optional primitives); nested groups and repeated fields are not
 * columns a Dataset can name. Numeric columns (INT32, INT64, FLOAT, DOUBLE, DECIMAL) are read as numbers, strings
 * and booleans as text; a null is missing. Only the columns are decoded, a row at a time: memory holds one row group's
 * pages, not the file. Parquet keeps its footer at the end of the file, so a stream is first copied to a temporary
 * file, deleted on close.
 */
public final class ParquetRecords implements Records {
    private final InputFile input;
    private final String source;
    private final Violations violations;
    private final MessageType fileSchema;
    private final List<Type> fields;
    private final List<String> columns;
    private final Cells cells;
    private final Path spooled;
    private int[] kept;
    private ParquetReader<Object> reader;
    private long row;

    private ParquetRecords(Path file, String source, Violations violations, Path spooled) throws IOException {
        this.source = source;
        this.violations = violations;
        this.spooled = spooled;
        this.input = new LocalInputFile(file);
        this.fileSchema = schemaOf(input);
        this.fields = fileSchema.getFields().stream()
                .filter(field -> field.isPrimitive() && !field.isRepetition(Type.Repetition.REPEATED)).toList();
        this.columns = fields.stream().map(Type::getName).toList();
        this.cells = new Cells(columns.size());
        this.kept = IntStream.range(0, columns.size()).toArray();
    }

    /** The records of a local Parquet file. */
    public static ParquetRecords open(Path file, String source, Violations violations) throws IOException {
        return new ParquetRecords(file, source, violations, null);
    }

    /** Copies the stream to a temporary file (Parquet is read from its end first) and reads that; closing deletes it. */
    public static ParquetRecords spool(InputStream content, String source, Violations violations) throws IOException {
        Path file = Files.createTempFile("source-", ".parquet");
        try {
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            return new ParquetRecords(file, source, violations, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public String columnsOrigin() {
        return "the Parquet schema";
    }

    @Override
    public long columnsLine() {
        return 0;
    }

    /** Parquet stores each column apart: only the kept ones are read and decoded. */
    @Override
    public void keep(int[] columns) {
        kept = Arrays.stream(columns).distinct().sorted().toArray();
    }

    @Override
    public boolean next() throws IOException {
        if (reader == null) {
            List<Type> projected = Arrays.stream(kept).mapToObj(fields::get).toList();
            cells.project(kept, projected);
            reader = new Builder(input, new CellsReadSupport(new MessageType(fileSchema.getName(), projected), cells)).build();
        }
        try {
            if (reader.read() == null) {
                return false;
            }
        } catch (ParquetDecodingException | IllegalArgumentException e) {
            violations.report(Violation.atRow(source, row + 1, 0, null, "parquet", "the row cannot be decoded: " + e.getMessage()));
            violations.throwIfAny();
        }
        row++;
        return true;
    }

    @Override
    public void checkShape() {
        // every row of a Parquet file has the schema's columns
    }

    @Override
    public long line() {
        return 0;
    }

    @Override
    public boolean isNumber(int column) {
        return cells.isNumber[column];
    }

    @Override
    public double number(int column) {
        return cells.numbers[column];
    }

    @Override
    public String text(int column) {
        return cells.isNumber[column] ? NumberText.format(cells.numbers[column]) : cells.texts[column];
    }

    @Override
    public void close() throws IOException {
        try {
            if (reader != null) {
                reader.close();
            }
        } finally {
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
        }
    }

    private MessageType schemaOf(InputFile input) {
        try (ParquetFileReader footer = ParquetFileReader.open(input)) {
            return footer.getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            violations.report(Violation.ofFile(source, "parquet", "the source is not a readable Parquet file: " + e.getMessage()));
            violations.throwIfAny();
            throw new IllegalStateException("unreachable", e);
        }
    }

    /** The current row's cells, by column position, filled by Parquet's record assembly from the projected fields. */
    private static final class Cells extends GroupConverter {
        final String[] texts;
        final double[] numbers;
        final boolean[] isNumber;
        private Converter[] converters;

        Cells(int columns) {
            texts = new String[columns];
            numbers = new double[columns];
            isNumber = new boolean[columns];
            Arrays.fill(texts, "");
        }

        /** The i-th projected field fills the cell at positions[i]. */
        void project(int[] positions, List<Type> projected) {
            converters = new Converter[positions.length];
            for (int i = 0; i < positions.length; i++) {
                converters[i] = new Cell(positions[i], projected.get(i).asPrimitiveType());
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            Arrays.fill(texts, "");
            Arrays.fill(isNumber, false);
        }

        @Override
        public void end() {
        }

        /** One column's values; a null calls nothing, so the cell stays missing. */
        private final class Cell extends PrimitiveConverter {
            private final int column;
            private final int decimalScale;

            Cell(int column, PrimitiveType type) {
                this.column = column;
                this.decimalScale = type.getLogicalTypeAnnotation()
                        instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal ? decimal.getScale() : 0;
            }

            @Override
            public void addInt(int value) {
                number(decimalScale == 0 ? value : BigDecimal.valueOf(value, decimalScale).doubleValue());
            }

            @Override
            public void addLong(long value) {
                number(decimalScale == 0 ? value : BigDecimal.valueOf(value, decimalScale).doubleValue());
            }

            @Override
            public void addFloat(float value) {
                number(value);
            }

            @Override
            public void addDouble(double value) {
                number(value);
            }

            @Override
            public void addBoolean(boolean value) {
                texts[column] = Boolean.toString(value);
            }

            @Override
            public void addBinary(Binary value) {
                if (decimalScale != 0) {
                    number(new BigDecimal(new BigInteger(value.getBytes()), decimalScale).doubleValue());
                } else {
                    texts[column] = value.toStringUsingUTF8().strip();
                }
            }

            private void number(double value) {
                numbers[column] = value;
                isNumber[column] = true;
            }
        }
    }

    /** Hands every row to the same {@link Cells}; the record itself is only a "there was a row" marker. */
    private static final class CellsReadSupport extends ReadSupport<Object> {
        private static final Object ROW = new Object();
        private final MessageType projection;
        private final Cells cells;

        CellsReadSupport(MessageType projection, Cells cells) {
            this.projection = projection;
            this.cells = cells;
        }

        @Override
        public ReadContext init(InitContext context) {
            return new ReadContext(projection);
        }

        @Override
        public RecordMaterializer<Object> prepareForRead(ParquetConfiguration configuration, Map<String, String> metadata,
                MessageType fileSchema, ReadContext context) {
            return materializer();
        }

        @Override
        public RecordMaterializer<Object> prepareForRead(org.apache.hadoop.conf.Configuration configuration,
                Map<String, String> metadata, MessageType fileSchema, ReadContext context) {
            return materializer();
        }

        private RecordMaterializer<Object> materializer() {
            return new RecordMaterializer<>() {
                @Override
                public Object getCurrentRecord() {
                    return ROW;
                }

                @Override
                public GroupConverter getRootConverter() {
                    return cells;
                }
            };
        }
    }

    /** ParquetReader's builder takes a ReadSupport only through a subclass; a plain configuration keeps Hadoop's out. */
    private static final class Builder extends ParquetReader.Builder<Object> {
        private final ReadSupport<Object> support;

        Builder(InputFile input, ReadSupport<Object> support) {
            super(input, new PlainParquetConfiguration());
            this.support = support;
        }

        @Override
        protected ReadSupport<Object> getReadSupport() {
            return support;
        }
    }
}
