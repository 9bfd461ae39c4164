package dev.seed.mlops.trainer.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads {@code https://} sources with a plain GET; redirects are followed, anything but 200 is an error. */
public final class HttpsReader implements SourceReader {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient client;

    public HttpsReader() {
        this(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    HttpsReader(HttpClient client) {
        this.client = client;
    }

    @Override
    public boolean accepts(String uri) {
        return uri.startsWith("https://");
    }

    @Override
    public InputStream open(String uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SourceUnreadableException(uri, "GET failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnreadableException(uri, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new SourceUnreadableException(uri, "GET answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
