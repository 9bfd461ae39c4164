package dev.seed.mlops.trainer.cli;

import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.Progress;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.quality.LabelIndex;
import dev.seed.mlops.trainer.quality.ModelTask;
import dev.seed.mlops.trainer.quality.QualityJoin;
import dev.seed.mlops.trainer.quality.QualityReport;
import dev.seed.mlops.trainer.quality.Refusals;
import dev.seed.mlops.trainer.quality.ServiceLogs;
import dev.seed.mlops.trainer.quality.VersionQuality;
import dev.seed.mlops.trainer.store.StoreLocation;
import dev.seed.mlops.trainer.store.StoredDirectories;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate-quality", mixinStandardHelpOptions = true,
        header = "Score the predictions an InferenceService logged against the labels that came back.",
        description = "Joins the prediction log (format v1) with its labels (feedback lines and label files) per model "
                + "version over the window (from, until], by prediction time, and computes the training metrics on the "
                + "joined pairs, with the labelled, unlabelled and duplicate counts and the label delay (p50, max). "
                + "The figures go to the result as v<version>.<figure>.")
final class EvaluateQualityCommand implements Callable<Integer> {
    static final String NAME = "evaluate-quality";
    /** Reported at most, newest first, when --versions is not given: the result must fit a termination message. */
    static final int MAX_VERSIONS = 4;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Mixin
    CommonOptions common;

    @Option(names = "--store", required = true, paramLabel = "URI|DIR", description = "The artifact store: pvc://<claim>[/<path>], s3://<bucket>/<key> or a local directory.")
    String store;

    @Option(names = "--namespace", required = true, description = "The InferenceService's namespace.")
    String namespace;

    @Option(names = "--inference-service", required = true, description = "The InferenceService whose log is read.")
    String service;

    @Option(names = "--model", required = true, description = "The model it serves; predictions of other models are left out.")
    String model;

    @Option(names = "--versions", split = ",", paramLabel = "N[,N...]",
            description = "The versions to report. Default: every version in the window, the " + MAX_VERSIONS + " newest at most.")
    List<Long> versions = List.of();

    @Option(names = "--from", required = true, paramLabel = "RFC3339", description = "Window start (exclusive), by prediction time.")
    String from;

    @Option(names = "--until", required = true, paramLabel = "RFC3339", description = "Window end (inclusive), by prediction time.")
    String until;

    @Override
    public Integer call() {
        return JobRun.execute(NAME, common, System.out, System.err, () -> {
            Progress progress = new Progress(System.out, NAME);
            Instant start = instant("--from", from);
            Instant end = instant("--until", until);
            if (!start.isBefore(end)) {
                throw new TrainerException("--from " + from + " must be before --until " + until);
            }
            for (String name : List.of(namespace, service, model)) {
                if (!DNS_LABEL.matcher(name).matches()) {
                    throw new TrainerException("'" + name + "' is not a Kubernetes name (lowercase letters, digits, '-')");
                }
            }
            StoreLocation location = StoreLocation.parse(store, common.pvcRoot);
            Refusals refusals = new Refusals();
            QualityJoin join = new QualityJoin(model, start, end, Set.copyOf(versions), refusals);
            LabelIndex labels = new LabelIndex();
            long[] read = new long[1];
            ServiceLogs logs = ServiceLogs.read(location, namespace, service, prediction -> {
                read[0]++;
                join.offer(prediction);
            }, labels::add, refusals);
            progress.step("read %d predictions (%d in the window held) and labels for %d ids from %d log files (%d broken off) and the label files",
                    read[0], join.held(), labels.size(), logs.files(), logs.brokenFiles());
            List<VersionQuality> qualities = join.score(labels, version -> task(location, version));
            if (versions.isEmpty() && qualities.size() > MAX_VERSIONS) {
                qualities = qualities.subList(qualities.size() - MAX_VERSIONS, qualities.size());
            }
            String summary = QualityReport.summary(qualities, refusals);
            progress.step("%s", summary);
            long inWindow = qualities.stream().mapToLong(q -> q.labelled() + q.unlabelled()).sum();
            return new JobResult(NAME, true, null, location.resolve("prediction-logs/" + namespace + "/" + service).uri(), inWindow,
                    null, null, QualityReport.figures(qualities, refusals), summary);
        });
    }

    private static Instant instant(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new TrainerException(option + " '" + text + "' is not an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }

    /** The task of a version's artifact; empty when it is not in the store (a version served from elsewhere). */
    private Optional<ModelTask> task(StoreLocation store, long version) {
        StoreLocation artifact = store.resolve("models/" + model + "/" + version);
        try {
            ModelManifest read = Json.mapper().readValue(StoredDirectories.readFile(artifact, ArtifactFiles.MANIFEST), ModelManifest.class);
            return Optional.of(new ModelTask(TaskType.valueOf(read.task()), read.numClasses()));
        } catch (IOException | TrainerException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
