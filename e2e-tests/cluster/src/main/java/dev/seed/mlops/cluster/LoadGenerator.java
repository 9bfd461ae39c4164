package dev.seed.mlops.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.trainer.sample.CreditRiskSample;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Population;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Clients of an InferenceService: a few threads sending KServe V1 predictions of synthetic customers through the
 * Service, reached by the API server's service proxy (so the test needs no route into the cluster network), and
 * counting every answer. A failed request is anything but a 200 with predictions: an error code, an empty body, a
 * timeout or a broken connection. Each answer says which version computed it (the {@code mlops-model-version} header),
 * and the clients keep when each version answered, so a test can count the share each version served.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS_PER_REQUEST = 4;
    private static final int KEPT_FAILURES = 20;

    private final HttpClient http;
    private final String url;
    private final Duration pause;
    private final ExecutorService threads;
    private final AtomicReference<Population> population = new AtomicReference<>(Population.BASELINE);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong rowsWithMissingValues = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    /**
     * @param service   the InferenceService's Service
     * @param model     the model name in the URL
     * @param clients   concurrent clients
     * @param perClient requests per second each client sends at most
     */
    public LoadGenerator(KubernetesClient client, String namespace, String service, String model, int clients, int perClient) {
        this.http = client.getHttpClient();
        this.url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + namespace + "/services/"
                + service + ":http/proxy/v1/models/" + model + ":predict";
        this.pause = Duration.ofMillis(1000 / perClient);
        this.threads = Executors.newFixedThreadPool(clients, r -> {
            Thread thread = new Thread(r, "load-" + service);
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < clients; i++) {
            long seed = 1000 + i;
            threads.submit(() -> run(seed));
        }
    }

    /** From now on, send customers of this population. */
    public void send(Population next) {
        population.set(next);
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Rows sent with a value missing (a JSON null), which a model with transforms imputes. */
    public long rowsWithMissingValues() {
        return rowsWithMissingValues.get();
    }

    /** The first failures, each with its time, status and body: what a test prints when it finds any. */
    public List<String> failures() {
        return new ArrayList<>(failures);
    }

    /** When a version answered a request. */
    public record Answer(Instant at, String version) {
    }

    /** Requests answered by each version between two instants, as the clients counted them. */
    public Map<String, Long> servedBetween(Instant from, Instant to) {
        return answers.stream().filter(a -> !a.at().isBefore(from) && !a.at().isAfter(to))
                .collect(Collectors.groupingBy(Answer::version, TreeMap::new, Collectors.counting()));
    }

    /** Requests a version answered since the clients started. */
    public long servedBy(String version) {
        return answers.stream().filter(a -> a.version().equals(version)).count();
    }

    public String summary() {
        return sent.get() + " requests, " + failed.get() + " failed";
    }

    /** One request of a few customers of the current population: the request body and the answer, for people to read. */
    public String[] exchangeOnce() throws Exception {
        String body = JSON.writeValueAsString(Map.of("instances", new CreditRiskSample(population.get(), sent.get()).requests(2)));
        return new String[] {body, post(body).body()};
    }

    private HttpResponse<String> post(String body) throws Exception {
        HttpRequest request = http.newHttpRequestBuilder().uri(url).post("application/json", body).timeout(10, TimeUnit.SECONDS).build();
        return http.sendAsync(request, String.class).get(15, TimeUnit.SECONDS);
    }

    private void run(long seed) {
        Map<Population, CreditRiskSample> samples = Map.of(Population.BASELINE, new CreditRiskSample(Population.BASELINE, seed),
                Population.SHIFTED, new CreditRiskSample(Population.SHIFTED, seed));
        while (running) {
            try {
                List<Map<String, Object>> rows = samples.get(population.get()).requests(ROWS_PER_REQUEST);
                rowsWithMissingValues.addAndGet(rows.stream().filter(row -> row.containsValue(null)).count());
                HttpResponse<String> response = post(JSON.writeValueAsString(Map.of("instances", rows)));
                record(response.code(), response.body());
                if (response.code() == 200) {
                    answers.add(new Answer(Instant.now(), String.valueOf(response.header("mlops-model-version"))));
                }
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (running) {
                    record(-1, e.toString());
                }
            }
        }
    }

    private void record(int code, String body) {
        sent.incrementAndGet();
        if (code == 200 && body != null && body.contains("\"predictions\"")) {
            return;
        }
        failed.incrementAndGet();
        if (failures.size() < KEPT_FAILURES) {
            failures.add(Instant.now() + " " + code + " " + (body == null ? "" : body.strip()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        threads.shutdown();
        threads.awaitTermination(20, TimeUnit.SECONDS);
    }
}
