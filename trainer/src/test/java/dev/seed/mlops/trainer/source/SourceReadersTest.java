package dev.seed.mlops.trainer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReadersTest {
    @TempDir
    Path work;

    @Test
    void pvcUrisAreReadFromTheClaimMount() throws IOException {
        Path file = work.resolve("claims/data-claim/sets/a.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x\n1\n");
        SourceReaders readers = SourceReaders.standard(work.resolve("claims"));
        try (InputStream in = readers.open("pvc://data-claim/sets/a.csv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("x\n1\n");
        }
        assertThatThrownBy(() -> readers.open("pvc://data-claim/sets/missing.csv"))
                .isInstanceOf(SourceUnreadableException.class).hasMessageContaining("rule readable: no such file");
        assertThatThrownBy(() -> readers.open("pvc://data-claim/sets"))
                .isInstanceOf(SourceUnreadableException.class).hasMessageContaining("is a directory");
    }

    @Test
    void httpReaderReturnsTheBodyOfA200AndRefusesOtherAnswers() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data.csv", exchange -> {
            byte[] body = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/gone.csv", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpsReader reader = new HttpsReader(HttpClient.newHttpClient());
            try (InputStream in = reader.open(base + "/data.csv")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
            }
            assertThatThrownBy(() -> reader.open(base + "/gone.csv"))
                    .isInstanceOf(SourceUnreadableException.class).hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void schemesPickTheirReader() {
        SourceReaders readers = SourceReaders.standard(work);
        assertThat(new HttpsReader().accepts("https://example.org/x.csv")).isTrue();
        assertThat(new HttpsReader().accepts("http://example.org/x.csv")).isFalse();
        assertThat(readers.accepts("s3://bucket/key")).isTrue();
        assertThat(readers.accepts("gs://bucket/key")).isFalse();
        assertThatThrownBy(() -> readers.open("gs://bucket/key")).hasMessageContaining("not supported yet");
    }
}
