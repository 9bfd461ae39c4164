package dev.seed.mlops.cluster;

import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Concept;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Population;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The life of the credit-risk model on a real cluster, step by step, from the samples: data is written, prepared
 * and trained on; v1 serves; clients send requests; the customers change; drift is detected; the Dataset is
 * prepared again and a new version trained; it replaces v1 through the canary; v1 is retired. Each step waits
 * until the cluster's status says it happened. The cluster tests assert on it; the demo narrates it.
 */
public final class ClosedLoop {
    public static final String MODEL = "credit-risk";
    public static final String POLICY = "credit-risk-drift";
    public static final List<Class<? extends HasMetadata>> KINDS = List.of(Dataset.class, TrainingJob.class, ModelVersion.class,
            InferenceService.class, DriftPolicy.class);
    private static final Duration STEP = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final String namespace;
    private final ArtifactStore store;
    private final Consumer<String> say;

    /** The loop in {@code namespace}, with the operator's artifact store on {@code store}. */
    public ClosedLoop(KubernetesClient client, String namespace, ArtifactStore store, Consumer<String> say) {
        this.client = client;
        this.namespace = namespace;
        this.store = store;
        this.say = say;
    }

    /** Writes the first customers, applies the sample Dataset, and waits until its snapshot is Ready. */
    public Dataset prepareData() throws IOException {
        say.accept("writing 20,000 synthetic customers to " + store.sourceUri() + " (the artifact store: " + store.describe() + ")");
        store.writeSource(client, namespace, Population.BASELINE, Concept.ORIGINAL, 1);
        Dataset dataset = SampleObjects.dataset();
        dataset.getSpec().getSource().setUri(store.sourceUri());
        apply(dataset);
        say.accept("Dataset credit-risk applied: a prepare Job validates, splits and profiles it, and fits its transforms");
        Dataset ready = until("Dataset credit-risk Ready", () -> get(Dataset.class, MODEL),
                d -> d != null && d.getStatus() != null && "Ready".equals(d.getStatus().getPhase()));
        Optional.ofNullable(ready.getStatus().getLatestSnapshot().getTransforms())
                .ifPresent(fitted -> say.accept("fitted on the training split: " + String.join("; ", fitted)));
        return ready;
    }

    /** Applies the sample TrainingJob and waits until its ModelVersion passed the gates. */
    public ModelVersion trainFirstVersion() {
        apply(SampleObjects.trainingJob());
        say.accept("TrainingJob credit-risk-train-1 applied: a training Job runs XGBoost, then the gates decide");
        return awaitStage(1, ModelStage.Validated);
    }

    /** Applies the sample InferenceService and waits until v1 serves with all its replicas. */
    public InferenceService serve() {
        return serve(SampleObjects.inferenceService());
    }

    /** Applies this InferenceService of the model and waits until v1 serves with all its replicas. */
    public InferenceService serve(InferenceService sample) {
        apply(sample);
        say.accept("InferenceService credit-risk applied: it serves the newest Validated version");
        awaitStage(1, ModelStage.Production);
        return until("v1 serving on all replicas", () -> get(InferenceService.class, MODEL), isvc -> stable(isvc, 1)
                && isvc.getStatus().getStable().getReadyReplicas() != null
                && isvc.getStatus().getStable().getReadyReplicas().equals(isvc.getSpec().getReplicas()));
    }

    public LoadGenerator startClients() {
        say.accept("clients start sending predictions through the Service");
        return new LoadGenerator(client, namespace, MODEL, MODEL, 4, 15);
    }

    /** Applies the sample DriftPolicy and waits for its first healthy check. */
    public DriftPolicy watchForDrift() {
        apply(SampleObjects.driftPolicy());
        say.accept("DriftPolicy credit-risk-drift applied: PSI of every feature against the training profile");
        return until("DriftPolicy Healthy", () -> get(DriftPolicy.class, POLICY),
                p -> p != null && p.getStatus() != null && "Healthy".equals(p.getStatus().getPhase()));
    }

    /** The customers change: the source file now holds the shifted population, and clients send it too. */
    public void shiftCustomers(LoadGenerator clients) throws IOException {
        say.accept("the customers change: older, under more stress (new source data, and clients send them)");
        store.writeSource(client, namespace, Population.SHIFTED, Concept.ORIGINAL, 2);
        clients.send(Population.SHIFTED);
    }

    /**
     * Waits for the drift-triggered retraining and for its version to replace the drifted one. When the loop takes
     * another path (the retrain held back, failed, or rolled back by the canary) throws {@link RetrainStory.LoopEnded}
     * with the reason from status.
     */
    public DriftPolicy awaitRetrainAndReplacement() {
        return awaitRetrainAndReplacement("drift");
    }

    /** As above, for a retrain the policy started on {@code cause} (its reason follows it in the narration). */
    public DriftPolicy awaitRetrainAndReplacement(String cause) {
        DriftPolicy triggered = until("drift detected and a retraining started", () -> get(DriftPolicy.class, POLICY),
                p -> p.getStatus() != null && (p.getStatus().getLastTriggered() != null || RetrainStory.heldBack(p).isPresent()));
        RetrainStory.heldBack(triggered).ifPresent(held -> {
            throw new RetrainStory.LoopEnded(held);
        });
        say.accept(cause + ": " + triggered.getStatus().getLastTriggered().getReason());
        DriftPolicy ended = until("the retrain replaced v1 or ended otherwise", () -> get(DriftPolicy.class, POLICY),
                p -> RetrainStory.ending(p).isPresent() || modelVersion(2) != null && modelVersion(2).getStatus() != null
                        && modelVersion(2).getStatus().getStage() == ModelStage.Canary);
        if (RetrainStory.ending(ended).isEmpty()) {
            say.accept("v2 trained on the new data passed its gates; the canary starts");
            ended = until("the canary of v2 ended", () -> get(DriftPolicy.class, POLICY), p -> RetrainStory.ending(p).isPresent());
        }
        RetrainStory.Ending ending = RetrainStory.ending(ended).orElseThrow();
        say.accept(ending.sentence());
        if (!ending.promoted()) {
            throw new RetrainStory.LoopEnded(ending.sentence());
        }
        until("v2 promoted", () -> get(InferenceService.class, MODEL), isvc -> stable(isvc, 2) && isvc.getStatus().getCanary() == null);
        awaitStage(1, ModelStage.Retired);
        return triggered;
    }

    /**
     * Trains a version that passes its (absent) gates but barely learned anything: one boosting round at a tiny
     * learning rate predicts almost the base rate for everyone. It is trained on the same data as the stable version,
     * so the user asks the canary to decide as the stable version does (analysis.minAgreement and maxMeanAbsDelta, not
     * gates by default because a drift retrain is expected to disagree); at the shadow step, before any client sees
     * it, the comparison of both versions' answers rolls it back.
     */
    public RolloutRecord rollOutUnderfitVersion() {
        // A merge patch, as kubectl patch --type merge: no resourceVersion, so the operator's status writes cannot conflict.
        client.resources(InferenceService.class).inNamespace(namespace).withName(MODEL).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\": {\"canary\": {\"analysis\": {\"minAgreement\": 0.9, \"maxMeanAbsDelta\": 0.1}}}}");
        say.accept("InferenceService credit-risk: a version trained on unchanged data must decide as v2 does"
                + " (analysis.minAgreement 0.9, maxMeanAbsDelta 0.1)");
        TrainingJob underfit = SampleObjects.trainingJob();
        underfit.getMetadata().setName("credit-risk-underfit");
        underfit.getSpec().setHyperparameters(Map.of("num_round", "1", "eta", "0.01", "max_depth", "1"));
        underfit.getSpec().setEvaluation(null);
        apply(underfit);
        say.accept("TrainingJob credit-risk-underfit applied: a version that passes no real bar");
        awaitStage(3, ModelStage.Validated, ModelStage.Canary, ModelStage.Rejected);
        InferenceService rolledBack = until("v3 rolled back", () -> get(InferenceService.class, MODEL),
                isvc -> latestRollout(isvc, 3).isPresent());
        return latestRollout(rolledBack, 3).orElseThrow();
    }

    /** One line on where the loop is: for the demo's progress and for test logs. */
    public String status() {
        InferenceService isvc = get(InferenceService.class, MODEL);
        DriftPolicy policy = get(DriftPolicy.class, POLICY);
        StringBuilder line = new StringBuilder();
        if (isvc != null && isvc.getStatus() != null && isvc.getStatus().getStable() != null) {
            line.append("serving v").append(isvc.getStatus().getStable().getVersion());
            if (isvc.getStatus().getCanary() != null) {
                var canary = isvc.getStatus().getCanary();
                line.append(", canary v").append(canary.getVersion()).append(" at ")
                        .append(canary.getWeight() > 0 ? canary.getWeight() + "%" : "shadow " + canary.getShadow() + "%")
                        .append(canary.getServedWeight() == null || canary.getWeight() == 0 ? "" : " (served " + canary.getServedWeight() + "%)");
            }
        }
        if (policy != null && policy.getStatus() != null && policy.getStatus().getMaxScore() != null) {
            line.append(line.isEmpty() ? "" : " · ").append("drift ").append(policy.getStatus().getPhase())
                    .append(String.format(" (max PSI %.3f)", policy.getStatus().getMaxScore()));
        }
        return line.toString();
    }

    /** The artifact store the loop's data and models are on. */
    public ArtifactStore store() {
        return store;
    }

    public ModelVersion modelVersion(long version) {
        return get(ModelVersion.class, MODEL + "-v" + version);
    }

    private ModelVersion awaitStage(long version, ModelStage... stages) {
        List<ModelStage> wanted = List.of(stages);
        ModelVersion mv = until("ModelVersion " + MODEL + "-v" + version + " " + wanted, () -> modelVersion(version),
                m -> m != null && m.getStatus() != null && (wanted.contains(m.getStatus().getStage())
                        || m.getStatus().getStage() == ModelStage.Rejected));
        if (!wanted.contains(mv.getStatus().getStage())) {
            throw new AssertionError(mv.getMetadata().getName() + " is " + mv.getStatus().getStage() + ": " + mv.getStatus().getReason());
        }
        say.accept(mv.getMetadata().getName() + " is " + mv.getStatus().getStage()
                + (mv.getStatus().getReason() == null ? "" : ": " + mv.getStatus().getReason()));
        return mv;
    }

    private static boolean stable(InferenceService isvc, long version) {
        return isvc != null && isvc.getStatus() != null && isvc.getStatus().getStable() != null
                && Long.valueOf(version).equals(isvc.getStatus().getStable().getVersion());
    }

    private static Optional<RolloutRecord> latestRollout(InferenceService isvc, long version) {
        return isvc == null || isvc.getStatus() == null ? Optional.empty() : isvc.getStatus().getHistory().stream()
                .filter(r -> Long.valueOf(version).equals(r.getVersion())).findFirst();
    }

    <T extends HasMetadata> void apply(T resource) {
        resource.getMetadata().setNamespace(namespace);
        client.resource(resource).create();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return client.resources(kind).inNamespace(namespace).withName(name).get();
    }

    <T> T until(String what, Callable<T> read, Predicate<T> done) {
        return await(what).atMost(STEP).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(read, done);
    }
}
