package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftMetric;
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

/**
 * The built-in provider: asks every ready serving pod of the version for its drift report, all at once, and merges
 * them (see {@link DriftReports}). A pod that does not answer fails the reading: scores from part of the pods would
 * look complete and be wrong.
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
        if (target.podAddresses().isEmpty()) {
            throw new DriftProviderException("no ready serving pod of " + target.describe()
                    + " to read drift from; check its Deployment's pods (kubectl get pods -l mlops.seed.dev/inferenceservice="
                    + target.inferenceService() + ")");
        }
        List<CompletableFuture<DriftReading>> answers = new ArrayList<>();
        for (String address : target.podAddresses()) {
            answers.add(fetch(address, target, metric));
        }
        List<DriftReading> readings = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            try {
                readings.add(answers.get(i).join());
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new DriftProviderException("serving pod " + target.podAddresses().get(i) + " of " + target.describe()
                        + " did not report drift: " + describe(cause) + "; check that the pod runs the inference server on port " + port
                        + " and that the operator may reach it (NetworkPolicy)", cause);
            }
        }
        return DriftReports.merge(readings);
    }

    private CompletableFuture<DriftReading> fetch(String address, DriftTarget target, DriftMetric metric) {
        String host = address.contains(":") ? "[" + address + "]" : address;
        URI uri = URI.create("http://" + host + ":" + port + "/v2/models/" + URLEncoder.encode(target.model(), StandardCharsets.UTF_8) + "/drift");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new CompletionException(new IOException("GET " + uri + " answered " + response.statusCode() + ": "
                        + DriftReports.abbreviate(response.body())));
            }
            try {
                return DriftReports.parse(response.body(), metric);
            } catch (IOException e) {
                throw new CompletionException(new IOException("GET " + uri + ": " + e.getMessage(), e));
            }
        });
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
