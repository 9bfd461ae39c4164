package dev.seed.mlops.serving.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seed.mlops.serving.DriftWindowSetting;
import dev.seed.mlops.testing.PackagedInferenceServer;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routing between two real servers (the packaged jar, as pods run it): the stable one (version 1, the 100-tree
 * binary fixture) watches its routing ConfigMap on a real kube-apiserver as a ServiceAccount allowed to read only
 * that ConfigMap, and forwards to or mirrors to the canary (version 2, the 30-tree fixture, same model name) or to
 * targets played by the test that refuse connections, stall, or fail with 503.
 */
@ExtendWith(ApiServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutingIT {

    private static final String NAMESPACE = "routing-it";
    private static final String CONFIG_MAP = "credit-routing";
    private static final String SERVICE_ACCOUNT = "credit-serving";
    private static final String MODEL = "credit";
    private static final int SHADOW_MAX_IN_FLIGHT = 4;

    private static KubernetesClient admin;
    private static Map<String, String> stableEnvironment;
    private static int stablePort;
    private static PackagedInferenceServer stable;
    private static PackagedInferenceServer canary;
    private static Vertx vertx;
    private static StalledTarget stalled;
    private static int failingPort;
    private static int downPort;
    private static String serviceAccountToken;
    private static String apiServerUrl;

    @BeforeAll
    static void start(TestApiServer apiServer) throws Exception {
        admin = apiServer.client();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();
        grantReadOfTheRoutingConfigMapOnly();
        apiServerUrl = admin.getConfiguration().getMasterUrl();
        serviceAccountToken = admin.serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();

        canary = PackagedInferenceServer.start("routing-it-canary", PackagedInferenceServer.freePort(), Map.of(
                "MLOPS_MODEL_DIR", XgboostFixture.artifact(Kind.BINARY_JSON).toString(),
                "MLOPS_MODEL_NAME", MODEL, "MLOPS_MODEL_VERSION", "2"));
        vertx = Vertx.vertx();
        stalled = new StalledTarget(vertx);
        HttpServer failing = vertx.createHttpServer()
                .requestHandler(request -> request.response().setStatusCode(503).end("{\"error\":\"down\"}"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        failingPort = failing.actualPort();
        downPort = PackagedInferenceServer.freePort();

        applyRouting(weight(canaryAddress(), 0));
        stablePort = PackagedInferenceServer.freePort();
        stableEnvironment = new HashMap<>(Map.of(
                "MLOPS_MODEL_DIR", XgboostFixture.artifact(Kind.BINARY).toString(),
                "MLOPS_MODEL_NAME", MODEL, "MLOPS_MODEL_VERSION", "1",
                "MLOPS_ROUTING_CONFIG_MAP", CONFIG_MAP, "MLOPS_ROUTING_NAMESPACE", NAMESPACE,
                "MLOPS_ROUTING_SHADOW_MAX_IN_FLIGHT", Integer.toString(SHADOW_MAX_IN_FLIGHT),
                "MLOPS_ROUTING_FORWARD_TIMEOUT", "1s", "MLOPS_ROUTING_SHADOW_TIMEOUT", "60s"));
        // As a pod's automounted token would: the ServiceAccount's own credentials, nothing from a kubeconfig
        // (fabric8's auto-configuration reads these, as it reads the token file in a pod).
        stableEnvironment.put("KUBERNETES_MASTER", apiServerUrl);
        stableEnvironment.put("KUBERNETES_AUTH_TOKEN", serviceAccountToken);
        stableEnvironment.put("KUBERNETES_TRUST_CERTIFICATES", "true");
        stableEnvironment.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        stableEnvironment.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        // Readiness waits for the first read of the ConfigMap up to this bound, then serves unrouted; the tests check
        // that the read came first, which on a machine under heavy load took longer than the default 5 s.
        stableEnvironment.put("MLOPS_ROUTING_SYNC_TIMEOUT", "60s");
        stable = PackagedInferenceServer.start("routing-it-stable", stablePort, stableEnvironment);
    }

    private static void grantReadOfTheRoutingConfigMapOnly() {
        admin.serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName(SERVICE_ACCOUNT).endMetadata().build()).serverSideApply();
        admin.rbac().roles().inNamespace(NAMESPACE).resource(new RoleBuilder().withNewMetadata().withName(SERVICE_ACCOUNT)
                .endMetadata().withRules(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                        .withResourceNames(CONFIG_MAP).withVerbs("get", "list", "watch").build())
                .build()).serverSideApply();
        admin.rbac().roleBindings().inNamespace(NAMESPACE).resource(new RoleBindingBuilder().withNewMetadata()
                .withName(SERVICE_ACCOUNT).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", SERVICE_ACCOUNT)
                .addNewSubject().withKind("ServiceAccount").withName(SERVICE_ACCOUNT).withNamespace(NAMESPACE).endSubject()
                .build()).serverSideApply();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable server : new AutoCloseable[] {stable, canary}) {
            if (server != null) {
                server.close();
            }
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void theServiceAccountMayReadTheRoutingConfigMapAndNothingElse() throws Exception {
        admin.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata().withName("other")
                .endMetadata().addToData("x", "y").build()).serverSideApply();
        try (KubernetesClient asPod = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(apiServerUrl).withOauthToken(serviceAccountToken).withTrustCerts(true)
                .withAutoConfigure(false).build()).build()) {
            assertThat(asPod.configMaps().inNamespace(NAMESPACE).withName(CONFIG_MAP).get()).isNotNull();
            assertThatThrownBy(() -> asPod.configMaps().inNamespace(NAMESPACE).withName("other").get())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
            assertThatThrownBy(() -> asPod.configMaps().inNamespace(NAMESPACE).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        }
        JsonNode routing = routing();
        assertThat(routing.path("synced").asBoolean()).isTrue();
        assertThat(routing.path("role").asText()).isEqualTo("stable");
    }

    @Test
    @Order(2)
    void aStepChangeTakesEffectAndTheServedShareIsExact() throws Exception {
        for (int weight : new int[] {10, 50, 100}) {
            applyRouting(weight(canaryAddress(), weight));
            Map<String, Integer> servedBy = countVersions(1000);
            assertThat(servedBy.getOrDefault("2", 0)).as("answers by the canary at weight %d", weight)
                    .isEqualTo(10 * weight);
            assertThat(servedBy.getOrDefault("1", 0)).isEqualTo(1000 - 10 * weight);
        }
        applyRouting(weight(canaryAddress(), 0));
        assertThat(countVersions(100)).containsExactly(Map.entry("1", 100));
    }

    @Test
    @Order(3)
    void aForwardThatCannotConnectStallsOrFailsIsAnsweredLocally() throws Exception {
        for (String target : List.of("127.0.0.1:" + downPort, "127.0.0.1:" + failingPort, stalled.address())) {
            long fallbackBefore = routing().path("requests").path("fallback").asLong();
            applyRouting(weight(target, 100));
            assertThat(countVersions(3)).as("answers when the target is %s", target).containsExactly(Map.entry("1", 3));
            assertThat(routing().path("requests").path("fallback").asLong()).isEqualTo(fallbackBefore + 3);
        }
        assertThat(stalled.held()).hasSize(3); // the stalled target got them and never answered in time
        stalled.release();
    }

    @Test
    @Order(4)
    void aStalledShadowTargetNeitherDelaysNorFailsClientsAndMirrorsOverTheBoundAreDropped() throws Exception {
        applyRouting(shadow(stalled.address(), 100));
        HttpResponse<String> first = predict(rows(new Random(4), 1), false);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("mlops-model-version")).hasValue("1");
        // The client has its answer while the shadow target still holds the mirror, unanswered.
        await().atMost(Duration.ofSeconds(10)).until(() -> stalled.held().size() == 1);
        assertThat(stalled.held().get(0).getHeader("mlops-shadow")).isEqualTo("true");
        assertThat(stalled.held().get(0).getHeader("mlops-forwarded")).isEqualTo("1");
        assertThat(stalled.held().get(0).response().ended()).isFalse();

        for (int i = 0; i < 9; i++) {
            assertThat(predict(rows(new Random(i), 1), false).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stalled.held().size() == SHADOW_MAX_IN_FLIGHT);
        JsonNode shadow = routing().path("shadow");
        assertThat(shadow.path("mirrored").asLong()).isEqualTo(SHADOW_MAX_IN_FLIGHT);
        assertThat(shadow.path("dropped").asLong()).isEqualTo(10 - SHADOW_MAX_IN_FLIGHT);
        assertThat(metric("mlops_shadow_requests_total{model=\"credit\",outcome=\"dropped\",version=\"1\"}"))
                .isEqualTo(10 - SHADOW_MAX_IN_FLIGHT);

        stalled.release(); // answers 200 with a body that is no prediction: each mirror fails
        await().atMost(Duration.ofSeconds(10)).until(() -> routing().path("shadow").path("failed").asLong()
                == SHADOW_MAX_IN_FLIGHT);
    }

    @Test
    @Order(5)
    void shadowAnswersAreComparedRowByRowWithTheStableOnes() throws Exception {
        applyRouting(shadow(canaryAddress(), 100));
        JsonNode before = routing().path("shadow");
        ExpectedComparison expected = new ExpectedComparison("binary", 1, RoutingDocument.DEFAULT_AGREEMENT_TOLERANCE);
        Random random = new Random(5);
        for (int request = 0; request < 40; request++) {
            float[][] batch = TestRequests.rows(random, 1 + request % 5);
            boolean v2 = request % 2 == 1;
            expected.add(TestRequests.predictions(predict(batch, v2), v2),
                    TestRequests.predictions(TestRequests.predict(canary, MODEL, batch, v2, true), v2));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> routing().path("shadow").path("rows").asLong()
                - before.path("rows").asLong() == expected.rows());
        JsonNode after = routing().path("shadow");
        expected.assertReported(before, after, 40);
        assertThat(metric("mlops_shadow_rows_total{model=\"credit\",version=\"1\"}"))
                .isEqualTo(after.path("rows").asLong());
        assertThat(metric("mlops_shadow_agreeing_rows_total{model=\"credit\",version=\"1\"}"))
                .isEqualTo(after.path("agreeingRows").asLong());
    }

    @Test
    @Order(6)
    void aVersionThatIsNeitherStableNorCanaryForwardsEverythingToStable() throws Exception {
        applyRouting("{\"stable\": {\"version\": 2, \"address\": \"" + canaryAddress() + "\"}}");
        assertThat(countVersions(5)).containsExactly(Map.entry("2", 5));
        assertThat(routing().path("role").asText()).isEqualTo("other");
    }

    @Test
    @Order(7)
    void aMalformedUpdateIsCountedAndIgnored() throws Exception {
        String revision = applyRouting(weight(canaryAddress(), 100));
        applyRouting("{\"stable\": {\"version\": 1, \"address\": \"" + canaryAddress() + "\"}, \"canary\": 7}");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                metric("mlops_routing_config_errors_total{model=\"credit\",version=\"1\"}") == 1);
        assertThat(routing().path("configRevision").asText()).isEqualTo(revision);
        assertThat(countVersions(4)).containsExactly(Map.entry("2", 4));
    }

    @Test
    @Order(8)
    void aRestartedPodReadsItsRoutingBeforeItIsReady() throws Exception {
        String revision = applyRouting(weight(canaryAddress(), 50));
        stable.close();
        stable = PackagedInferenceServer.start("routing-it-stable-restarted", stablePort, stableEnvironment);
        JsonNode routing = routing(); // the first look after ready: no waiting
        assertThat(routing.path("synced").asBoolean()).isTrue();
        assertThat(routing.path("configRevision").asText()).isEqualTo(revision);
        assertThat(countVersions(10)).containsOnly(Map.entry("1", 5), Map.entry("2", 5));
        assertThat(metric("mlops_routing_synced{model=\"credit\",version=\"1\"}")).isEqualTo(1);
    }

    @Test
    @Order(9)
    void theDriftWindowInTheConfigMapResizesTheRunningServersWindowKeepingItsRows() throws Exception {
        applyRouting(weight(canaryAddress(), 0));
        long pid = stable.process().pid();
        long before = drift().path("samples").asLong();
        countVersions(30);
        assertThat(drift().path("window").path("kind").asText()).isEqualTo("rows");
        assertThat(drift().path("window").path("size").asLong()).as("the server's own window").isEqualTo(10_000);

        applyConfigMap(Map.of(RoutingWatch.KEY, weight(canaryAddress(), 0), DriftWindowSetting.KEY, "{\"window\": {\"duration\": \"PT1H\"}}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "duration".equals(drift().path("window").path("kind").asText()));
        assertThat(drift().path("window").path("size").asLong()).isEqualTo(3_600_000);
        assertThat(drift().path("samples").asLong()).as("every row of the last hour stays").isEqualTo(before + 30);

        applyConfigMap(Map.of(RoutingWatch.KEY, weight(canaryAddress(), 0), DriftWindowSetting.KEY, "{\"window\": {\"rows\": 200}}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> drift().path("window").path("size").asLong() == 200);
        assertThat(drift().path("samples").asLong()).isEqualTo(before + 30);

        applyRouting(weight(canaryAddress(), 0)); // the DriftPolicy is gone: the server's own window again
        assertThat(drift().path("window").path("size").asLong()).isEqualTo(10_000);
        assertThat(drift().path("samples").asLong()).isEqualTo(before + 30);
        assertThat(stable.process().pid()).as("the same process throughout").isEqualTo(pid);
    }

    // --- routing documents

    private static String canaryAddress() {
        return "127.0.0.1:" + canary.port;
    }

    private static String weight(String canaryAddress, int weight) {
        return step(canaryAddress, weight, 0);
    }

    private static String shadow(String canaryAddress, int shadow) {
        return step(canaryAddress, 0, shadow);
    }

    private static String step(String canaryAddress, int weight, int shadow) {
        return "{\"stable\": {\"version\": 1, \"address\": \"127.0.0.1:" + (stable == null ? 1 : stable.port) + "\"},"
                + " \"canary\": {\"version\": 2, \"address\": \"" + canaryAddress + "\", \"weight\": " + weight
                + ", \"shadow\": " + shadow + "}}";
    }

    /** Writes the routing document and, once a stable pod runs, waits until it follows (or refused) it. */
    private static String applyRouting(String document) throws Exception {
        return applyConfigMap(Map.of(RoutingWatch.KEY, document));
    }

    private static String applyConfigMap(Map<String, String> data) throws Exception {
        ConfigMap applied = admin.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(CONFIG_MAP).endMetadata().withData(data).build()).serverSideApply();
        String revision = applied.getMetadata().getResourceVersion();
        if (stable != null && !data.get(RoutingWatch.KEY).contains("\"canary\": 7")) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> revision.equals(routing().path("configRevision").asText()));
        }
        return revision;
    }

    // --- requests

    private static HttpResponse<String> predict(float[][] rows, boolean v2) throws Exception {
        return TestRequests.predict(stable, MODEL, rows, v2, false);
    }

    private static float[][] rows(Random random, int count) {
        return TestRequests.rows(random, count);
    }

    /** Sends single-row requests to the stable server and counts the answers by the version that served them. */
    private static Map<String, Integer> countVersions(int requests) throws Exception {
        Map<String, Integer> servedBy = new HashMap<>();
        Random random = new Random(requests);
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = predict(rows(random, 1), i % 2 == 1);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            servedBy.merge(response.headers().firstValue("mlops-model-version").orElse("none"), 1, Integer::sum);
        }
        return servedBy;
    }

    private static JsonNode drift() throws IOException, InterruptedException {
        return TestRequests.JSON.readTree(stable.get("/v2/models/" + MODEL + "/drift").body());
    }

    private static JsonNode routing() throws IOException, InterruptedException {
        return TestRequests.routing(stable, MODEL);
    }

    private static double metric(String series) throws IOException, InterruptedException {
        return stable.get("/metrics").body().lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(-1);
    }

    /** A target that takes requests and answers none until released; then it answers them 200 with no prediction. */
    private static final class StalledTarget {
        private final List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
        private final int port;

        StalledTarget(Vertx vertx) throws Exception {
            HttpServer server = vertx.createHttpServer().requestHandler(held::add)
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            port = server.actualPort();
        }

        String address() {
            return "127.0.0.1:" + port;
        }

        List<HttpServerRequest> held() {
            return held;
        }

        void release() {
            List<HttpServerRequest> waiting = new ArrayList<>(held);
            held.clear();
            waiting.forEach(request -> request.response().setStatusCode(200).end("{\"released\": true}"));
        }
    }
}
