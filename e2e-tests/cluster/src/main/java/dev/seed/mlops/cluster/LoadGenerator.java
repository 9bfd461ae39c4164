package dev.seed.mlops.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.trainer.sample.CreditRiskSample;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Concept;
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
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Clients of an InferenceService: a few threads sending KServe V1 predictions of synthetic customers through the
 * Service, reached by the API server's service proxy (so the test needs no route into the cluster network), and
 * counting every answer. A failed request is anything but a 200 with predictions: an error code, an empty body, a
 * timeout or a broken connection. Each answer says which version computed it (the {@code mlops-model-version} header),
 * and the clients keep when each version answered, so a test can count the share each version served.
 *
 * <p>Each request carries the client's own id ({@code x-request-id}: {@code c<client>-<n>}), as a client passes its
 * order id to join its outcomes later; row {@code i} of a request is {@code <id>#<i>}. With {@link #sendLabels} the
 * clients also report the ground truth of a share of their answered requests, under the label rule of the moment
 * ({@link #labelBy}), to the feedback endpoint through the same Service, in batches; a refused batch is a failure too.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS_PER_REQUEST = 4;
    private static final int KEPT_FAILURES = 20;
    private static final int LABELS_PER_FEEDBACK = 64;

    private final HttpClient http;
    private final String url;
    private final String feedbackUrl;
    private final Duration pause;
    private final ExecutorService threads;
    private final AtomicReference<Population> population = new AtomicReference<>(Population.BASELINE);
    private final AtomicReference<Concept> concept = new AtomicReference<>(Concept.ORIGINAL);
    private final AtomicInteger labelPercent = new AtomicInteger();
    private final AtomicLong labelled = new AtomicLong();
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
        String proxy = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + namespace + "/services/"
                + service + ":http/proxy";
        this.url = proxy + "/v1/models/" + model + ":predict";
        this.feedbackUrl = proxy + "/v2/models/" + model + "/feedback";
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

    /** From now on, label customers by this rule: the features of the customers sent do not change. */
    public void labelBy(Concept rule) {
        concept.set(rule);
    }

    /** From now on, report the labels of this percentage of answered requests (0, the default, reports none). */
    public void sendLabels(int percent) {
        labelPercent.set(percent);
    }

    /** Labels the feedback endpoint accepted. */
    public long labelled() {
        return labelled.get();
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
        return sent.get() + " requests, " + failed.get() + " failed" + (labelled.get() == 0 ? "" : ", " + labelled.get() + " labels accepted");
    }

    /** One request of a few customers of the current population: the request body and the answer, for people to read. */
    public String[] exchangeOnce() throws Exception {
        String body = JSON.writeValueAsString(Map.of("instances", new CreditRiskSample(population.get(), sent.get()).requests(2)));
        return new String[] {body, post(body).body()};
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(url, null, body);
    }

    private HttpResponse<String> post(String to, String id, String body) throws Exception {
        HttpRequest.Builder request = http.newHttpRequestBuilder().uri(to).post("application/json", body).timeout(10, TimeUnit.SECONDS);
        if (id != null) {
            request.header("x-request-id", id);
        }
        return http.sendAsync(request.build(), String.class).get(15, TimeUnit.SECONDS);
    }

    private void run(long seed) {
        Map<Population, CreditRiskSample> samples = Map.of(Population.BASELINE, new CreditRiskSample(Population.BASELINE, seed),
                Population.SHIFTED, new CreditRiskSample(Population.SHIFTED, seed));
        SplittableRandom draws = new SplittableRandom(seed);
        List<Map<String, Object>> labels = new ArrayList<>();
        long requests = 0;
        while (running) {
            try {
                String id = "c" + seed + "-" + requests++;
                List<Map<String, Object>> rows = new ArrayList<>(ROWS_PER_REQUEST);
                List<Object> truth = new ArrayList<>(ROWS_PER_REQUEST);
                for (int i = 0; i < ROWS_PER_REQUEST; i++) {
                    Map<String, Object> row = samples.get(population.get()).next(concept.get());
                    truth.add(row.remove("default"));
                    rows.add(row);
                }
                rowsWithMissingValues.addAndGet(rows.stream().filter(row -> row.containsValue(null)).count());
                HttpResponse<String> response = post(url, id, JSON.writeValueAsString(Map.of("instances", rows)));
                record(response.code(), response.body());
                if (response.code() == 200) {
                    answers.add(new Answer(Instant.now(), String.valueOf(response.header("mlops-model-version"))));
                    if (draws.nextInt(100) < labelPercent.get()) {
                        for (int i = 0; i < truth.size(); i++) {
                            labels.add(Map.of("id", id + "#" + i, "label", truth.get(i)));
                        }
                    }
                }
                if (labels.size() >= LABELS_PER_FEEDBACK) {
                    report(labels);
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

    /** Sends the labels in one feedback request: 200, or 202 for ids another pod served, accepts them all. */
    private void report(List<Map<String, Object>> labels) throws Exception {
        String body = JSON.writeValueAsString(labels);
        int count = labels.size();
        labels.clear();
        HttpResponse<String> response = post(feedbackUrl, null, body);
        if (response.code() == 200 || response.code() == 202) {
            labelled.addAndGet(count);
        } else {
            fail("feedback " + response.code(), response.body());
        }
    }

    private void record(int code, String body) {
        sent.incrementAndGet();
        if (code == 200 && body != null && body.contains("\"predictions\"")) {
            return;
        }
        fail(String.valueOf(code), body);
    }

    private void fail(String what, String body) {
        failed.incrementAndGet();
        if (failures.size() < KEPT_FAILURES) {
            failures.add(Instant.now() + " " + what + " " + (body == null ? "" : body.strip()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        threads.shutdown();
        threads.awaitTermination(20, TimeUnit.SECONDS);
    }
}
