package dev.seed.mlops.operator.training;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.ModelArtifactRef;
import dev.seed.mlops.api.v1alpha1.ModelFormat;
import dev.seed.mlops.api.v1alpha1.ModelSchema;
import dev.seed.mlops.api.v1alpha1.ModelSource;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionSpec;
import dev.seed.mlops.api.v1alpha1.SearchStatus;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.Labels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ModelVersion a successful TrainingJob registers. It is deliberately not owned by the TrainingJob: a model
 * outlives the run that made it. The gate decision travels as annotations; the ModelVersion reconciler turns it into stage.
 */
public final class ModelVersions {
    private ModelVersions() {
    }

    public static String name(String model, long version) {
        return model + "-v" + version;
    }

    /** @param search the search that chose the hyperparameters (lineage: every trial), or null for a single run */
    public static ModelVersion desired(TrainingJob trainingJob, Dataset dataset, String datasetDigest, long version,
            JobResult result, GateDecision decision, SearchStatus search) {
        String model = trainingJob.getSpec().getModel();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        labels.put(Labels.MODEL, model);
        labels.put(Labels.VERSION, String.valueOf(version));
        labels.put(Labels.TRAINING_JOB, trainingJob.getMetadata().getName());

        ModelArtifactRef artifact = new ModelArtifactRef();
        artifact.setUri(result.uri());
        artifact.setFormat(ModelFormat.xgboost);
        artifact.setSha256(result.digest());

        ModelSchema schema = new ModelSchema();
        schema.setTask(dataset.getSpec().getSchema().getLabel().getType());
        schema.setLabel(dataset.getSpec().getSchema().getLabel().getName());
        schema.setFeatures(List.copyOf(dataset.getSpec().getSchema().getFeatures().stream().map(ModelVersions::copy).toList()));

        ModelSource source = new ModelSource();
        source.setTrainingJob(trainingJob.getMetadata().getName());
        source.setDataset(dataset.getMetadata().getName());
        source.setDatasetDigest(datasetDigest);
        source.setSearch(search);
        source.setTransforms(fittedTransforms(dataset, datasetDigest));

        ModelVersionSpec spec = new ModelVersionSpec();
        spec.setModel(model);
        spec.setVersion(version);
        spec.setArtifact(artifact);
        spec.setSchema(schema);
        spec.setMetrics(result.metrics() == null ? Map.of() : new LinkedHashMap<>(result.metrics()));
        spec.setSource(source);

        ModelVersion modelVersion = new ModelVersion();
        modelVersion.setMetadata(new ObjectMetaBuilder()
                .withName(name(model, version))
                .withNamespace(trainingJob.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(Map.of(Labels.GATE_DECISION, decision.stage().name(), Labels.GATE_REASON, decision.reason()))
                .build());
        modelVersion.setSpec(spec);
        return modelVersion;
    }

    /** The transforms the Dataset's status recorded for the snapshot trained on, or null (none, or no longer listed). */
    static List<String> fittedTransforms(Dataset dataset, String datasetDigest) {
        if (dataset.getStatus() == null || dataset.getStatus().getSnapshots() == null) {
            return null;
        }
        return dataset.getStatus().getSnapshots().stream()
                .filter(snapshot -> Objects.equals(snapshot.getDigest(), datasetDigest) && snapshot.getTransforms() != null)
                .findFirst()
                .<List<String>>map(snapshot -> List.copyOf(snapshot.getTransforms()))
                .orElse(null);
    }

    private static FeatureColumn copy(FeatureColumn feature) {
        FeatureColumn copy = new FeatureColumn();
        copy.setName(feature.getName());
        copy.setType(feature.getType());
        return copy;
    }
}
