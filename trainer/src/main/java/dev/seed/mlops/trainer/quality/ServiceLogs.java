package dev.seed.mlops.trainer.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Everything one InferenceService logged and was told: the prediction and label lines of every pod's log under
 * {@code <store>/prediction-logs/<namespace>/<service>/<pod>/}, complete ({@code .jsonl.gz}) and being written
 * ({@code .jsonl.gz.partial}), and the label files under {@code <store>/labels/<namespace>/<service>/}. Read in one
 * pass, line by line, each prediction and label handed on as it is read: nothing is held here.
 *
 * @param files       log files read
 * @param brokenFiles complete files whose gzip stream broke off (their lines before the break were read)
 */
public record ServiceLogs(int files, int brokenFiles) {
    static final String COMPLETE = ".jsonl.gz";
    static final String PARTIAL = ".jsonl.gz.partial";

    /** Label files first, then the logs: of two labels for an id that arrived at the same instant, a file's wins. */
    public static ServiceLogs read(Path store, String namespace, String service, Consumer<LoggedPrediction> predictions,
            Consumer<ArrivedLabel> labels, Refusals refusals) {
        Path logs = store.resolve("prediction-logs").resolve(namespace).resolve(service);
        LabelFiles.read(store.resolve("labels").resolve(namespace).resolve(service), labels, refusals);
        PredictionLogFormat format = new PredictionLogFormat(refusals);
        int files = 0;
        int broken = 0;
        for (Path file : logFiles(logs)) {
            files++;
            boolean whole = LogLines.read(file, text -> format.parse(text).ifPresent(line -> {
                if (line instanceof PredictionLogFormat.PredictionLine p) {
                    predictions.accept(p.prediction());
                } else if (line instanceof PredictionLogFormat.LabelLine l) {
                    labels.accept(l.label());
                }
            }));
            if (!whole && file.getFileName().toString().endsWith(COMPLETE)) {
                broken++;
            }
        }
        return new ServiceLogs(files, broken);
    }

    private static List<Path> logFiles(Path logs) {
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(logs, 2)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(COMPLETE) || f.getFileName().toString().endsWith(PARTIAL))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the prediction logs in " + logs, e);
        }
    }
}
