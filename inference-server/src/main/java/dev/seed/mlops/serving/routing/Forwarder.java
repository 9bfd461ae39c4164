package dev.seed.mlops.serving.routing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * Sends an inference request on to another version's Service, asynchronously on the caller's event loop, over
 * a pool of kept-alive connections: the same method, path, query, body and content headers, plus the loop guard
 * {@code mlops-forwarded: <own version>}. Connecting and waiting for data are both bounded, and so is the queue
 * for a connection: a request the pool cannot take fails at once rather than waiting behind others.
 */
public final class Forwarder implements AutoCloseable {

    /** Set on forwarded and mirrored requests: their receiver answers locally, whatever its routing says. */
    public static final CharSequence FORWARDED = HttpHeaders.createOptimized("mlops-forwarded");
    /** Set on mirrored requests, whose answers no client sees. */
    public static final CharSequence SHADOW = HttpHeaders.createOptimized("mlops-shadow");
    /** The request's id (docs/protocol.md, Request ids): sent on, and on every inference answer. */
    public static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    /** On every inference answer: the version that computed the prediction. */
    public static final CharSequence MODEL_VERSION = HttpHeaders.createOptimized("mlops-model-version");

    private static final CharSequence TRUE = HttpHeaders.createOptimized("true");
    /** Where the JSON of a body with binary tensors ends (the Open Inference Protocol's binary data extension). */
    public static final CharSequence INFERENCE_HEADER_LENGTH = HttpHeaders.createOptimized("Inference-Header-Content-Length");

    private static final CharSequence[] CONTENT_HEADERS = {HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_ENCODING,
        HttpHeaders.ACCEPT, INFERENCE_HEADER_LENGTH};

    private final HttpClient client;
    private final CharSequence ownVersion;
    private final long idleTimeoutMillis;
    private final boolean shadow;

    /**
     * @param connections at most this many connections per target; as many requests again may wait for one
     * @param shadow      whether the requests are mirrors (they then carry {@code mlops-shadow: true})
     */
    public Forwarder(Vertx vertx, String ownVersion, int connections, Duration connectTimeout, Duration idleTimeout,
            boolean shadow) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout((int) connectTimeout.toMillis()),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(connections));
        this.ownVersion = HttpHeaders.createOptimized(ownVersion);
        this.idleTimeoutMillis = idleTimeout.toMillis();
        this.shadow = shadow;
    }

    /**
     * The target's answer, or a failed future when it could not be reached or went silent.
     *
     * @param requestId the id the target answers and logs the request under (a V2 body's own id wins)
     */
    public Future<Answer> send(Address target, HttpServerRequest request, Buffer body, String requestId) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (CharSequence name : CONTENT_HEADERS) {
            String value = request.headers().get(name);
            if (value != null) {
                headers.add(name, value);
            }
        }
        headers.add(FORWARDED, ownVersion);
        headers.add(REQUEST_ID, requestId);
        if (shadow) {
            headers.add(SHADOW, TRUE);
        }
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(target.host())
                .setPort(target.port())
                .setURI(request.uri())
                .setHeaders(headers)
                .setIdleTimeout(idleTimeoutMillis);
        return client.request(options)
                .compose(outgoing -> outgoing.send(body == null ? Buffer.buffer() : body))
                .compose(response -> response.body().map(answer -> new Answer(response, answer)));
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * What the target answered: status, content type, the version that predicted, the request's id, where the JSON
     * ends if binary tensors follow it, and the body.
     */
    public record Answer(int status, String contentType, String modelVersion, String requestId,
            String inferenceHeaderLength, Buffer body) {

        Answer(HttpClientResponse response, Buffer body) {
            this(response.statusCode(), response.getHeader(HttpHeaders.CONTENT_TYPE),
                    response.getHeader(MODEL_VERSION), response.getHeader(REQUEST_ID),
                    response.getHeader(INFERENCE_HEADER_LENGTH), body);
        }

        /** A 5xx means the target failed: the request is answered locally instead. */
        public boolean failed() {
            return status >= 500;
        }
    }
}
