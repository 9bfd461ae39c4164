package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DatasetRef;
import dev.seed.mlops.api.v1alpha1.DriftAction;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.LocalObjectRef;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.RetrainSpec;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.api.v1alpha1.TrainingJobSpec;
import dev.seed.mlops.operator.common.Measurements.Measured;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Specs and observations for the planner's tests and the scenario simulator: plain values, no Kubernetes. */
final class DriftFixtures {
    static final String POLICY = "credit-drift";

    private DriftFixtures() {
    }

    /** Retrain on 3 breaching checks a minute apart, cooldown 6h, 2 a day, deadline 6h, minSamples 500. */
    static DriftPolicySpec retrainSpec() {
        DriftPolicySpec spec = new DriftPolicySpec();
        LocalObjectRef target = new LocalObjectRef();
        target.setName("credit");
        spec.setTargetRef(target);
        spec.setAction(DriftAction.Retrain);
        RetrainSpec retrain = new RetrainSpec();
        TrainingJobSpec template = new TrainingJobSpec();
        DatasetRef dataset = new DatasetRef();
        dataset.setName("credit");
        template.setDatasetRef(dataset);
        template.setModel("credit");
        retrain.setTemplate(template);
        spec.setRetrain(retrain);
        return spec;
    }

    static DriftObservation.Target serving(long version) {
        return new DriftObservation.Target("credit", "credit", version, "credit-v" + version, null, List.of(), List.of("10.0.0.1"));
    }

    static DriftObservation.Target inCanary(long stable, long canary) {
        return new DriftObservation.Target("credit", "credit", stable, "credit-v" + stable, "credit-v" + canary, List.of(), List.of("10.0.0.1"));
    }

    static DriftObservation.Target rolledBack(long stable, long canary, String reason) {
        RolloutRecord record = new RolloutRecord();
        record.setVersion(canary);
        record.setOutcome("RolledBack");
        record.setReason(reason);
        return new DriftObservation.Target("credit", "credit", stable, "credit-v" + stable, null, List.of(record), List.of("10.0.0.1"));
    }

    static DriftObservation.Retrain job(String name, String phase) {
        return new DriftObservation.Retrain(name, phase, "Failed".equals(phase) ? "the train Job failed 3 times: OOMKilled" : null,
                null, null, Optional.empty(), null);
    }

    static DriftObservation.Retrain trained(String name, long version, ModelStage stage) {
        return new DriftObservation.Retrain(name, "Succeeded", null, "credit-v" + version, version, Optional.ofNullable(stage),
                stage == ModelStage.Rejected ? "gate auc 0.61 < 0.70" : null);
    }

    static DriftReading breach(long samples) {
        return new DriftReading(samples, Map.of("age", 0.45, "income", 0.03));
    }

    static DriftReading clear(long samples) {
        return new DriftReading(samples, Map.of("age", 0.02, "income", 0.03));
    }

    static Optional<Measured<ReadingKey, DriftReading>> answered(ReadingKey key, DriftReading reading, Instant at) {
        return Optional.of(new Measured<>(key, at, at, Optional.of(reading), Optional.empty()));
    }

    static Optional<Measured<ReadingKey, DriftReading>> failed(ReadingKey key, String error, Instant at) {
        return Optional.of(new Measured<>(key, at, at, Optional.empty(), Optional.of(error)));
    }
}
