package dev.seed.mlops.operator;

import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.testing.RepoRoot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** The samples users apply, renamed per test, and the results the trainer reports. */
public final class TestObjects {
    private TestObjects() {
    }

    public static Dataset dataset(String name) {
        return sample("01-dataset.yaml", Dataset.class, name);
    }

    public static TrainingJob trainingJob(String name, String dataset) {
        TrainingJob trainingJob = sample("02-trainingjob.yaml", TrainingJob.class, name);
        trainingJob.getSpec().getDatasetRef().setName(dataset);
        return trainingJob;
    }

    public static InferenceService inferenceService(String name) {
        return sample("03-inferenceservice.yaml", InferenceService.class, name);
    }

    public static DriftPolicy driftPolicy(String name, String target) {
        DriftPolicy policy = sample("04-driftpolicy.yaml", DriftPolicy.class, name);
        policy.getSpec().getTargetRef().setName(target);
        return policy;
    }

    public static ModelVersion handMadeModelVersion(String name) {
        return sample("05-modelversion-onnx.yaml", ModelVersion.class, name);
    }

    public static BatchPrediction batchPrediction(String name) {
        return sample("08-batchprediction.yaml", BatchPrediction.class, name);
    }

    public static JobResult prepared(String digestHex, long rows) {
        return new JobResult("prepare", true, "sha256:" + digestHex, "pvc://mlops-store/datasets/credit-risk/sha256-" + digestHex,
                rows, rows * 7 / 10, rows * 2 / 10, null, "prepared " + rows + " rows");
    }

    public static JobResult trained(String model, long version, Map<String, Double> metrics) {
        return new JobResult("train", true, "a".repeat(64), "pvc://mlops-store/models/" + model + "/" + version, null, null, null,
                metrics, "trained");
    }

    public static JobResult failed(String command, String message) {
        return new JobResult(command, false, null, null, null, null, null, null, message);
    }

    private static <T extends HasMetadata> T sample(String file, Class<T> type, String name) {
        try {
            T object = Serialization.unmarshal(Files.readString(RepoRoot.path().resolve("config/samples").resolve(file)), type);
            object.getMetadata().setName(name);
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
