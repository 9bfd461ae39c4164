package dev.seed.mlops.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {

    @Test
    void quotedFieldsWithSeparatorsQuotesAndLineBreaks() throws IOException {
        List<List<String>> records = parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,,3\n");
        assertThat(records).containsExactly(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines"), List.of("1", "", "3"));
    }

    @Test
    void blankLinesAndByteOrderMarkAreSkippedAndLinesCounted() throws IOException {
        CsvParser parser = new CsvParser(new StringReader("\uFEFFa,b\n\n1,\"2\n\"\n3,4"));
        assertThat(parser.next()).containsExactly("a", "b");
        assertThat(parser.recordLine()).isEqualTo(1);
        assertThat(parser.next()).containsExactly("1", "2\n");
        assertThat(parser.recordLine()).isEqualTo(3);
        assertThat(parser.next()).containsExactly("3", "4");
        assertThat(parser.recordLine()).isEqualTo(5);
        assertThat(parser.next()).isNull();
    }

    @Test
    void trailingEmptyFieldIsKept() throws IOException {
        assertThat(parse("a,b,\n")).containsExactly(List.of("a", "b", ""));
    }

    @Test
    void unclosedQuoteNamesItsLine() {
        assertThatThrownBy(() -> parse("a\n\"open\n"))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void recordsLongerThanTheBufferAreRead() throws IOException {
        String wide = "x".repeat(200_000);
        assertThat(parse("a," + wide + "\n").get(0)).containsExactly("a", wide);
    }

    @Test
    void writerQuotesWhatTheParserReadsBack() throws IOException {
        for (String value : new String[] {"plain", "a,b", "say \"hi\"", "two\nlines", " padded ", ""}) {
            assertThat(parse("0," + CsvFields.quote(value) + "\n").get(0)).containsExactly("0", value);
        }
    }

    private static List<List<String>> parse(String text) throws IOException {
        CsvParser parser = new CsvParser(new StringReader(text));
        List<List<String>> records = new ArrayList<>();
        for (List<String> fields; (fields = parser.next()) != null; ) {
            records.add(List.copyOf(fields));
        }
        return records;
    }
}
