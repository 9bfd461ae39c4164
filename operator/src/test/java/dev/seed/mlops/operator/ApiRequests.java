package dev.seed.mlops.operator;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The requests the operator's client sent to the API server, as "METHOD path" with their status, for tests that count them. */
public final class ApiRequests implements Interceptor {
    public record Request(String method, String path, int status) {
        @Override
        public String toString() {
            return method + " " + path + " " + status;
        }
    }

    private final ConcurrentLinkedQueue<Request> sent = new ConcurrentLinkedQueue<>();

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        sent.add(new Request(request.method(), request.uri().getPath(), response.code()));
    }

    /** Forgets what was sent so far. */
    public void clear() {
        sent.clear();
    }

    /** What was sent since the last {@link #clear()}, except reads and watches. */
    public List<Request> writes() {
        return sent.stream().filter(r -> !r.method().equals("GET")).toList();
    }
}
