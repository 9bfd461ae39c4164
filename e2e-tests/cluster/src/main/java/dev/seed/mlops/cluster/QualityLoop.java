package dev.seed.mlops.cluster;

import dev.seed.mlops.api.v1alpha1.CanaryQualityGate;
import dev.seed.mlops.api.v1alpha1.CanaryStep;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.PredictionLogSpec;
import dev.seed.mlops.api.v1alpha1.QualityPolicy;
import dev.seed.mlops.api.v1alpha1.QualityReading;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Concept;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Population;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Concept drift on a real cluster, from the samples: v1 serves with its predictions logged, and clients report the
 * ground truth of half their requests through the feedback endpoint, under their own request ids; the DriftPolicy
 * (the sample's, with a performance section) finds v1's realised AUC fine. Then the rule that decides who defaults
 * changes while the customers stay the same ({@link Concept#PAYMENT_HOLIDAY}): no feature drifts, but the labels
 * coming back no longer agree with v1. Two breaching evaluations retrain on fresh data labelled by the new rule; the
 * new version must beat v1 on the same new test split, goes through the canary, where it is also judged against v1 on
 * the live labels of the same window (champion/challenger, {@code analysis.quality}), and replaces v1.
 *
 * <p>Windows are sized for a run of minutes: an evaluation every minute (the least a Job per evaluation allows) over
 * the last 30 seconds' predictions, so that the concept change, made as soon as the first verdict is read (about 30
 * seconds after its window closed), falls before the next window opens and no window mixes both rules. A window holds
 * about 1,000 to 3,000 labels at the clients' rate on a loaded node, of which at least {@value #MIN_LABELS} are needed
 * (an AUC known to about ±0.03); v1 scores about 0.8 before the change and about 0.52 after, against a minimum of
 * {@value #MINIMUM}.
 */
public final class QualityLoop {
    /** The share of requests whose labels the clients report. */
    public static final int LABELLED_PERCENT = 50;
    static final long MIN_LABELS = 500;
    /** Labels of each version a canary's quality comparison needs: the API's default. */
    static final long CANARY_MIN_LABELS = new CanaryQualityGate().getMinLabels();
    static final double MINIMUM = 0.7;

    private final ClosedLoop loop;
    private final KubernetesClient client;
    private final String namespace;
    private final Consumer<String> say;

    public QualityLoop(KubernetesClient client, String namespace, ArtifactStore store, Consumer<String> say) {
        this.loop = new ClosedLoop(client, namespace, store, say);
        this.client = client;
        this.namespace = namespace;
        this.say = say;
    }

    /** The steps this story shares with the drift loop: data, v1, and where serving stands. */
    public ClosedLoop loop() {
        return loop;
    }

    /** Writes the data, trains v1 and serves it with every prediction logged to the artifact store. */
    public InferenceService serveWithPredictionLog() throws IOException {
        loop.prepareData();
        loop.trainFirstVersion();
        InferenceService isvc = SampleObjects.inferenceService();
        isvc.getSpec().setPredictionLog(new PredictionLogSpec());
        isvc.getSpec().getCanary().setSteps(canarySteps());
        CanaryQualityGate champion = new CanaryQualityGate();
        champion.setMetric(Metric.auc);
        champion.setEvery("1m");
        isvc.getSpec().getCanary().getAnalysis().setQuality(champion);
        say.accept("InferenceService credit-risk with predictionLog: each serving pod appends what it predicted, by request id,"
                + " to the artifact store; a canary is also judged on its realised auc against the stable version's over the same"
                + " window (analysis.quality, every 1m, at least " + CANARY_MIN_LABELS + " labels each, a relative loss of at most 0.05), and promoted only"
                + " after such a pass at its last step");
        return loop.serve(isvc);
    }

    /** No client shares are counted here: short steps, each still analysed at least once; the last at 100%. */
    static List<CanaryStep> canarySteps() {
        return List.of(SampleObjects.shadow(100, "20s"), SampleObjects.step(50, "20s"), SampleObjects.step(100, null));
    }

    /** Clients that send their own request ids and report the true outcome of half their requests. */
    public LoadGenerator startClients() {
        LoadGenerator clients = loop.startClients();
        clients.sendLabels(LABELLED_PERCENT);
        say.accept("clients send the outcome of " + LABELLED_PERCENT + "% of their requests to POST /v2/models/credit-risk/feedback,"
                + " naming each row by its request id (x-request-id c<client>-<n>, row <id>#<i>)");
        return clients;
    }

    /**
     * Applies the sample DriftPolicy with a performance section; its drift window reaches the running pods through
     * their routing ConfigMap, so it may come before or after the clients.
     */
    public void watchQuality() {
        loop.apply(policy());
        say.accept(String.format(Locale.ROOT, "DriftPolicy %s applied with performance: auc at least %.2f on at least %d labels,"
                + " every 1m over the last 30s of predictions; 2 breaches in a row retrain", ClosedLoop.POLICY, MINIMUM, MIN_LABELS));
    }

    /**
     * The concept changes: from now on the clients' labels, and the fresh records in the Dataset's source, follow the
     * payment holiday's rule; the customers the clients send are the same population as before.
     */
    public void shiftConcept(LoadGenerator clients) throws IOException {
        say.accept("the concept changes: a payment holiday; the same customers, but now the young with low limits default,"
                + " and payment delays no longer matter (no feature changes, only the labels)");
        clients.labelBy(Concept.PAYMENT_HOLIDAY);
        loop.store().writeSource(client, namespace, Population.BASELINE, Concept.PAYMENT_HOLIDAY, 2);
        say.accept("fresh labelled records of the new rule are in the Dataset's source, " + loop.store().sourceUri());
    }

    /** Waits for the quality breach's retrain and for its version to replace v1 (see {@link ClosedLoop#awaitRetrainAndReplacement}). */
    public DriftPolicy awaitRetrainAndReplacement() {
        return loop.awaitRetrainAndReplacement("quality breach");
    }

    /**
     * Waits until a version's realised quality was judged on the labels that came back after it began serving (an
     * evaluation with fewer than minLabels is no judgement).
     */
    public QualityReading awaitJudged(long version) {
        DriftPolicy policy = loop.until("v" + version + "'s realised quality judged", () -> loop.get(DriftPolicy.class, ClosedLoop.POLICY),
                p -> latest(p, version).filter(r -> r.getVerdict() != null && !"TooFewLabels".equals(r.getVerdict())).isPresent());
        QualityReading reading = latest(policy, version).orElseThrow();
        say.accept("v" + version + " on live labels: " + describe(reading));
        return reading;
    }

    /** Where serving and quality stand, in one line. */
    public String status() {
        DriftPolicy policy = loop.get(DriftPolicy.class, ClosedLoop.POLICY);
        Optional<QualityReading> last = policy == null || policy.getStatus() == null || policy.getStatus().getQuality() == null ? Optional.empty()
                : policy.getStatus().getQuality().getHistory().stream().reduce((a, b) -> b);
        return loop.status() + last.map(r -> " · quality v" + r.getVersion() + " " + describe(r)).orElse("");
    }

    /** The sample DriftPolicy with a performance section, at the pace of a run of minutes. */
    static DriftPolicy policy() {
        DriftPolicy policy = SampleObjects.driftPolicy();
        QualityPolicy performance = new QualityPolicy();
        performance.setMetric(Metric.auc);
        performance.setMinimum(MINIMUM);
        performance.setMinLabels(MIN_LABELS);
        performance.setEvery("1m");
        performance.setWindow("30s");
        performance.setConsecutiveBreaches(2);
        policy.getSpec().setPerformance(performance);
        return policy;
    }

    private static Optional<QualityReading> latest(DriftPolicy policy, long version) {
        if (policy == null || policy.getStatus() == null || policy.getStatus().getQuality() == null) {
            return Optional.empty();
        }
        return policy.getStatus().getQuality().getHistory().stream().filter(r -> r.getVersion() != null && r.getVersion() == version)
                .reduce((a, b) -> b);
    }

    private static String describe(QualityReading r) {
        return String.format(Locale.ROOT, "auc %s on %d labelled predictions (%d unlabelled, label delay p50 %s s): %s",
                r.getValue() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.getValue()), r.getLabelled(), r.getUnlabelled(),
                r.getLabelDelayP50Seconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.getLabelDelayP50Seconds()), r.getVerdict());
    }
}
