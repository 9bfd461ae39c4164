package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftMetric;
import dev.seed.mlops.operator.common.Failures;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The built-in provider: asks every ready serving pod of the version for its drift report, all at once, and pools
 * their windows into one histogram per variable (see {@link DriftReports}). A pod that does not answer fails the
 * reading: scores from part of the pods would look complete and be wrong.
 */
public class HttpDriftProvider implements DriftProvider {
    private final HttpClient http;
    private final int port;
    private final Duration timeout;

    public HttpDriftProvider(HttpClient http, int port, Duration timeout) {
        this.http = http;
        this.port = port;
        this.timeout = timeout;
    }

    @Override
    public DriftReading read(DriftTarget target, DriftMetric metric) throws DriftProviderException {
        return DriftProvider.await(readAsync(target, metric, Runnable::run));
    }

    /** Asks every pod at once over non-blocking HTTP; no thread waits for an answer. */
    @Override
    public CompletableFuture<DriftReading> readAsync(DriftTarget target, DriftMetric metric, Executor unused) {
        if (target.podAddresses().isEmpty()) {
            return CompletableFuture.failedFuture(new DriftProviderException("no ready serving pod of " + target.describe()
                    + " to read drift from; check its Deployment's pods (kubectl get pods -l mlops.seed.dev/inferenceservice="
                    + target.inferenceService() + ")"));
        }
        List<CompletableFuture<DriftReports.PodReport>> answers = new ArrayList<>();
        for (String address : target.podAddresses()) {
            answers.add(fetch(address, target).exceptionally(error -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                throw new CompletionException(new DriftProviderException("serving pod " + address + " of " + target.describe()
                        + " did not report drift: " + Failures.message(cause) + "; check that the pod runs the inference server on port " + port
                        + " and that the operator may reach it (NetworkPolicy)", cause));
            }));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(all -> {
            try {
                return DriftReports.pool(answers.stream().map(CompletableFuture::join).toList(), metric);
            } catch (IOException e) {
                throw new CompletionException(new DriftProviderException("the drift reports of " + target.describe()
                        + " cannot be pooled: " + e.getMessage(), e));
            }
        });
    }

    private CompletableFuture<DriftReports.PodReport> fetch(String address, DriftTarget target) {
        String host = address.contains(":") ? "[" + address + "]" : address;
        URI uri = URI.create("http://" + host + ":" + port + "/v2/models/" + URLEncoder.encode(target.model(), StandardCharsets.UTF_8) + "/drift");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new CompletionException(new IOException("GET " + uri + " answered " + response.statusCode() + ": "
                        + DriftReports.abbreviate(response.body())));
            }
            try {
                return DriftReports.parse(response.body());
            } catch (IOException e) {
                throw new CompletionException(new IOException("GET " + uri + ": " + e.getMessage(), e));
            }
        });
    }

}
