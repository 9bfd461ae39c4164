package dev.seed.mlops.operator;

import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.LeanItemStore;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.batch.BatchMetrics;
import dev.seed.mlops.operator.batch.BatchPredictionReconciler;
import dev.seed.mlops.operator.dataset.DatasetReconciler;
import dev.seed.mlops.operator.drift.DriftMetrics;
import dev.seed.mlops.operator.drift.DriftPolicyReconciler;
import dev.seed.mlops.operator.drift.DriftProviders;
import dev.seed.mlops.operator.inferenceservice.CanaryMetrics;
import dev.seed.mlops.operator.inferenceservice.InferenceServiceReconciler;
import dev.seed.mlops.operator.inferenceservice.PodCanaryMetrics;
import dev.seed.mlops.operator.inferenceservice.RolloutMetrics;
import dev.seed.mlops.operator.modelversion.ModelVersionMetrics;
import dev.seed.mlops.operator.modelversion.ModelVersionReconciler;
import dev.seed.mlops.operator.training.TrainingJobReconciler;
import dev.seed.mlops.operator.training.TrainingMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The Java Operator SDK operator with the reconcilers of every kind registered. The Quarkus application and the
 * tests build it the same way, so the tests run the operator users run.
 */
public final class MlopsOperator {
    private MlopsOperator() {
    }

    /** Reconciles once started: with several replicas, {@code app.LeaderElectedOperator} starts it on the Lease's holder. */
    public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry registry, Clock clock) {
        return create(client, settings, registry, clock, new PodCanaryMetrics(clock), DriftProviders.builtIn());
    }

    /**
     * @param canaryMetrics  where canary analysis reads its measurements
     * @param driftProviders where DriftPolicies read drift scores
     */
    public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry registry, Clock clock,
            CanaryMetrics canaryMetrics, DriftProviders driftProviders) {
        return create(client, settings, registry, clock, canaryMetrics, driftProviders, kind -> true);
    }

    /** @param reconciled the kinds whose reconcilers run: tests that play one controller's part leave it out */
    static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry registry, Clock clock,
            CanaryMetrics canaryMetrics, DriftProviders driftProviders, Predicate<Class<? extends HasMetadata>> reconciled) {
        Operator operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    // Per controller and namespace, never per object: per-object timers made the scrape grow ~45 KB per object.
                    .withMetrics(MicrometerMetricsV2.newBuilder(registry).withNamespaceAsTag().build())
                    .withCloseClientOnStop(false)
                    .withStopOnInformerErrorDuringStartup(false);
        });
        EventRecorder events = new EventRecorder(client, clock);
        if (reconciled.test(Dataset.class)) {
            operator.register(new DatasetReconciler(settings, events, clock), namespaces(settings));
        }
        if (reconciled.test(TrainingJob.class)) {
            operator.register(new TrainingJobReconciler(settings, events, clock, new TrainingMetrics(registry)), namespaces(settings));
        }
        if (reconciled.test(InferenceService.class)) {
            operator.register(new InferenceServiceReconciler(settings, events, clock, canaryMetrics, new RolloutMetrics(registry), client),
                    namespaces(settings));
        }
        if (reconciled.test(ModelVersion.class)) {
            operator.register(new ModelVersionReconciler(settings, events, clock, new ModelVersionMetrics(registry)), namespaces(settings));
        }
        if (reconciled.test(DriftPolicy.class)) {
            operator.register(new DriftPolicyReconciler(settings, events, clock, new DriftMetrics(registry), driftProviders), namespaces(settings));
        }
        if (reconciled.test(BatchPrediction.class)) {
            operator.register(new BatchPredictionReconciler(settings, events, clock, new BatchMetrics(registry)), namespaces(settings));
        }
        return operator;
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> Consumer<ControllerConfigurationOverrider<R>> namespaces(OperatorSettings settings) {
        return config -> {
            if (settings.namespaces().isEmpty()) {
                config.watchingAllNamespaces();
            } else {
                config.settingNamespaces(settings.namespaces());
            }
            LeanItemStore.<R>forNamespaces(settings.namespaces()).ifPresent(config::withItemStore);
        };
    }
}
