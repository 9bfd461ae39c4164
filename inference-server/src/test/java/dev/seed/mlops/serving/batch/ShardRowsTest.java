package dev.seed.mlops.serving.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardRowsTest {
    @TempDir
    Path dir;

    @Test
    void theShardsOfAPlainFileTakeEveryRowExactlyOnce() throws IOException {
        Path file = write("plain.csv", rows(0, 1001), false);

        for (int shards : new int[] {1, 2, 3, 7, 1500}) {
            assertThat(idsOfAllShards(List.of(file), shards)).as("%d shards", shards).containsExactlyElementsOf(ids(0, 1001));
        }
    }

    @Test
    void theShardsOfAGzippedFileTakeEveryRowExactlyOnce() throws IOException {
        Path file = write("rows.csv.gz", rows(0, 777), true);

        assertThat(idsOfAllShards(List.of(file), 4)).containsExactlyElementsOf(ids(0, 777));
    }

    @Test
    void severalFilesAreOneSequenceOfRowsEachWithItsOwnHeader() throws IOException {
        Path first = write("train.csv", rows(0, 10), false);
        Path second = write("test.csv.gz", "x,id\n" + rows(10, 15).lines().skip(1).map(l -> "9," + l.split(",")[0]).reduce("", (a, l) -> a + l + "\n"), true);

        try (ShardRows rows = new ShardRows(List.of(first, second), 1, 3)) {
            List<Long> indexes = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<String> row;
            while ((row = rows.next()) != null) {
                indexes.add(rows.index());
                ids.add(row.get(rows.header().indexOf("id")));
            }
            assertThat(indexes).containsExactly(1L, 4L, 7L, 10L, 13L);
            assertThat(ids).containsExactly("1", "4", "7", "10", "13");
        }
    }

    @Test
    void aQuotedFieldSpanningLinesIsOneRow() throws IOException {
        Path file = write("quoted.csv", "id,note\n0,\"two\nlines\"\n1,plain\n2,\"a, b\"\n", false);

        assertThat(idsOfAllShards(List.of(file), 2)).containsExactly("0", "1", "2");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsNamesItsLine() throws IOException {
        Path file = write("short.csv", "id,a\n0,1\n1\n", false);

        try (ShardRows rows = new ShardRows(List.of(file), 0, 1)) {
            rows.next();
            assertThatThrownBy(rows::next).hasMessageContaining("short.csv line 3").hasMessageContaining("1 fields where the header has 2");
        }
    }

    private List<String> idsOfAllShards(List<Path> files, int shards) throws IOException {
        List<String> all = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            try (ShardRows rows = new ShardRows(files, shard, shards)) {
                List<String> row;
                while ((row = rows.next()) != null) {
                    assertThat(rows.index() % shards).isEqualTo(shard);
                    all.add(row.get(0));
                }
            }
        }
        all.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        return all;
    }

    private static String rows(int from, int to) {
        StringBuilder csv = new StringBuilder("id,value\n");
        for (int i = from; i < to; i++) {
            csv.append(i).append(',').append(i * 0.5).append('\n');
        }
        return csv.toString();
    }

    private static List<String> ids(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    private Path write(String name, String text, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
