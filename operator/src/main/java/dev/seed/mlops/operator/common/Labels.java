package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one place that names labels and annotations the operator puts on what it creates. */
public final class Labels {
    public static final String PREFIX = "mlops.seed.dev/";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "mlops-operator";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String DATASET = PREFIX + "dataset";
    public static final String TRAINING_JOB = PREFIX + "trainingjob";
    public static final String MODEL = PREFIX + "model";
    public static final String VERSION = PREFIX + "version";
    public static final String GENERATION = PREFIX + "generation";
    public static final String INFERENCE_SERVICE = PREFIX + "inferenceservice";
    public static final String MODEL_VERSION = PREFIX + "modelversion";
    public static final String DRIFT_POLICY = PREFIX + "driftpolicy";
    /** Annotation a DriftPolicy puts on a Dataset: prepare it again, because drift asks for fresh data. */
    public static final String REFRESH_REQUESTED_AT = PREFIX + "refresh-requested-at";
    /** Annotation on a retraining TrainingJob: train only on a snapshot prepared after this time. */
    public static final String SNAPSHOT_AFTER = PREFIX + "snapshot-after";
    /** Annotation on a ModelVersion created by a TrainingJob: the stage its evaluation gates decided. */
    public static final String GATE_DECISION = PREFIX + "gate-decision";
    /** Annotation beside {@link #GATE_DECISION}: why. */
    public static final String GATE_REASON = PREFIX + "gate-reason";

    private Labels() {
    }

    /** Labels every object created for {@code owner} carries, so selectors and kubectl -l find them. */
    public static Map<String, String> managed(String component, String ownerLabel, HasMetadata owner) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, OPERATOR);
        labels.put(COMPONENT, component);
        labels.put(ownerLabel, owner.getMetadata().getName());
        return labels;
    }

    public static String selector(String ownerLabel) {
        return MANAGED_BY + "=" + OPERATOR + "," + ownerLabel;
    }
}
