package dev.seed.mlops.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ShardProgress;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A BatchPrediction on the shared cluster: the sample data is prepared and trained on by real Jobs and v1
 * served, as in the closed loop; then the sample BatchPrediction scores every row of the snapshot with what the
 * InferenceService serves, in two shards of an Indexed Job running the inference-server image. Every input row has
 * exactly one output row, the manifest is published, and a sample of rows gets from the online endpoint exactly the
 * prediction the batch wrote.
 */
class BatchPredictionOnClusterIT {
    private static final String NAMESPACE = "mlops-batch";
    private static final Path WORK = Path.of("target/cluster-batch");
    private static final String OUTPUT = "/mnt/pvc/" + ClaimStore.CLAIM + "/predictions/credit-risk/g1";
    private static final List<Class<? extends HasMetadata>> KINDS = new ArrayList<>(ClosedLoop.KINDS);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows per part the online endpoint is asked about. */
    private static final int SAMPLE = 25;

    private static TestCluster cluster;
    private static ClosedLoop loop;

    static {
        KINDS.add(BatchPrediction.class);
    }

    @RegisterExtension
    static final TestWatcher DUMP_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                Path dir = ClusterDiagnostics.dump(cluster.access().client(), List.of(NAMESPACE, TestCluster.OPERATOR_NAMESPACE), KINDS,
                        WORK.resolve("diagnostics-" + context.getRequiredTestMethod().getName()));
                System.err.println("[cluster] pod logs, events and resources: " + dir.toAbsolutePath());
                System.err.println("[cluster] node:\n" + cluster.nodeLogs());
            }
        }
    };

    @BeforeAll
    static void startClusterAndServeAModel() throws Exception {
        cluster = SharedCluster.get();
        cluster.prepareNamespace(NAMESPACE);
        loop = new ClosedLoop(cluster.access().client(), NAMESPACE, cluster.store(), line -> System.out.println("[batch] " + line));
        loop.prepareData();
        loop.trainFirstVersion();
        loop.serve();
    }

    @AfterAll
    static void stop() {
        SharedCluster.release(NAMESPACE);
    }

    @Test
    void everyRowOfTheSnapshotGetsOnePredictionAndASampleMatchesTheOnlineEndpoint() throws Exception {
        KubernetesClient client = cluster.access().client();
        BatchPrediction bp = SampleObjects.batchPrediction();
        bp.getMetadata().setNamespace(NAMESPACE);
        client.resource(bp).create();
        long snapshotRows = client.resources(dev.seed.mlops.api.v1alpha1.Dataset.class).inNamespace(NAMESPACE).withName("credit-risk")
                .get().getStatus().getLatestSnapshot().getRows();

        BatchPrediction done = await("the batch run").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> current(client, bp.getMetadata().getName()), b -> b.getStatus() != null && b.getStatus().getLastRun() != null
                        && List.of("Succeeded", "Failed").contains(b.getStatus().getLastRun().getPhase()));
        var run = done.getStatus().getLastRun();
        System.out.printf("[batch] run %s: %d rows in %.1fs (%.0f rows/s) with %s; largest drift %s %s%n", run.getName(), run.getRowsOut(),
                run.getDurationSeconds(), run.getRowsPerSecond(), run.getModelVersion(),
                run.getDrift() == null ? "-" : run.getDrift().getMaxFeature(), run.getDrift() == null ? "-" : run.getDrift().getMaxScore());
        assertThat(run.getPhase()).as(run.getMessage()).isEqualTo("Succeeded");
        assertThat(run.getModelVersion()).isEqualTo("credit-risk-v1");
        assertThat(run.getRowsOut()).isEqualTo(snapshotRows);
        assertThat(run.getShards()).extracting(ShardProgress::getPhase).containsExactly("Succeeded", "Succeeded");
        assertThat(run.getDrift().getFeatures()).isNotEmpty();

        Output output = readOutput(client);
        assertThat(output.ids().count()).as("one output row per input row").isEqualTo(snapshotRows);
        assertThat(output.ids().distinct()).as("no row twice").isEqualTo(snapshotRows);
        assertThat(output.ids().min()).as("ids of the input rows").isZero();
        assertThat(output.ids().max()).as("ids of the input rows").isEqualTo(snapshotRows - 1);
        assertThat(output.manifest().get("rowsOut").asLong()).isEqualTo(snapshotRows);

        List<Float> online = onlinePredictions(client, output.header(), output.sample());
        for (int i = 0; i < output.sample().size(); i++) {
            String[] row = output.sample().get(i);
            assertThat(Float.parseFloat(row[1])).as("row %s: %s", row[0], String.join(",", row)).isEqualTo(online.get(i));
        }
    }

    /** @param ids the output's ids: how many, how many distinct, the smallest and the largest */
    private record Output(Ids ids, String[] header, List<String[]> sample, JsonNode manifest) {
    }

    private record Ids(long count, long distinct, long min, long max) {
        static Ids of(List<String> lines) {
            return new Ids(Long.parseLong(lines.get(0)), Long.parseLong(lines.get(1)), Long.parseLong(lines.get(2)), Long.parseLong(lines.get(3)));
        }
    }

    /** Reads the run's output from the claim with a Job of the inference-server image (a Debian userland). */
    private static Output readOutput(KubernetesClient client) throws Exception {
        String script = "set -e; cd " + OUTPUT + "; test -f manifest.json; "
                // The ids summed up in the pod (count, distinct, smallest, largest): 20,000 lines of a pod's log
                // came back cut short through the API.
                + "echo '#IDS'; for f in part-*.csv; do tail -n +2 \"$f\" | cut -d, -f1; done | sort -n"
                + " | awk 'NR == 1 { min = $1 } { n++; if (NR > 1 && $1 == last) dup++; last = $1 } END { print n; print n - dup; print min; print last }'; "
                + "echo '#HEADER'; head -n 1 part-00000.csv; "
                + "echo '#SAMPLE'; for f in part-*.csv; do sed -n '2," + (SAMPLE + 1) + "p' \"$f\"; done; "
                + "echo '#MANIFEST'; tr -d '\\n' < manifest.json; echo";
        Job job = new JobBuilder()
                .withNewMetadata().withName("read-predictions").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec()
                    .withRestartPolicy("Never").withAutomountServiceAccountToken(false)
                    .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(10001L).withRunAsGroup(10001L)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                    .addNewContainer().withName("read").withImage(ProductImages.INFERENCE).withImagePullPolicy("IfNotPresent")
                        .withCommand("sh", "-c", script)
                        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                            .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                        .addNewVolumeMount().withName("store").withMountPath("/mnt/pvc/" + ClaimStore.CLAIM).withReadOnly(true).endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("store").withNewPersistentVolumeClaim().withClaimName(ClaimStore.CLAIM).endPersistentVolumeClaim().endVolume()
                .endSpec().endTemplate().endSpec()
                .build();
        client.resource(job).create();
        Job ended = client.batch().v1().jobs().inNamespace(NAMESPACE).withName("read-predictions").waitUntilCondition(
                j -> j.getStatus() != null && (count(j.getStatus().getSucceeded()) > 0 || count(j.getStatus().getFailed()) > 0), 3, TimeUnit.MINUTES);
        String log = client.batch().v1().jobs().inNamespace(NAMESPACE).withName("read-predictions").getLog();
        assertThat(count(ended.getStatus().getSucceeded())).as(log).isEqualTo(1);
        Map<String, List<String>> sections = new HashMap<>();
        List<String> section = null;
        for (String line : log.split("\n")) {
            if (line.startsWith("#")) {
                section = sections.computeIfAbsent(line.substring(1), k -> new ArrayList<>());
            } else if (section != null && !line.isEmpty()) {
                section.add(line);
            }
        }
        assertThat(sections).as(log).containsKeys("IDS", "HEADER", "SAMPLE", "MANIFEST");
        return new Output(Ids.of(sections.get("IDS")), sections.get("HEADER").get(0).split(",", -1),
                sections.get("SAMPLE").stream().map(line -> line.split(",", -1)).toList(),
                JSON.readTree(sections.get("MANIFEST").get(0)));
    }

    /** The sample's features, passed through by the batch, sent to the InferenceService as a client would (V1). */
    private static List<Float> onlinePredictions(KubernetesClient client, String[] header, List<String[]> rows) throws Exception {
        ModelVersion v1 = client.resources(ModelVersion.class).inNamespace(NAMESPACE).withName("credit-risk-v1").get();
        Map<String, FeatureType> types = new HashMap<>();
        for (FeatureColumn feature : v1.getSpec().getSchema().getFeatures()) {
            types.put(feature.getName(), feature.getType());
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode instances = body.putArray("instances");
        for (String[] row : rows) {
            ObjectNode instance = instances.addObject();
            for (int column = 2; column < header.length; column++) {
                String value = row[column];
                if (value.isEmpty()) {
                    instance.putNull(header[column]);
                } else if (types.get(header[column]) == FeatureType.categorical) {
                    instance.put(header[column], value);
                } else {
                    instance.put(header[column], Double.parseDouble(value));
                }
            }
        }
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + NAMESPACE
                + "/services/credit-risk:http/proxy/v1/models/credit-risk:predict";
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).post("application/json", JSON.writeValueAsString(body))
                .timeout(30, TimeUnit.SECONDS).build();
        HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).get(60, TimeUnit.SECONDS);
        assertThat(response.code()).as(response.body()).isEqualTo(200);
        List<Float> predictions = new ArrayList<>();
        JSON.readTree(response.body()).get("predictions").forEach(p -> predictions.add(p.floatValue()));
        return predictions;
    }

    private static BatchPrediction current(KubernetesClient client, String name) {
        return client.resources(BatchPrediction.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
