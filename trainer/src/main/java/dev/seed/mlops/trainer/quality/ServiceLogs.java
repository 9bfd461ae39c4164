package dev.seed.mlops.trainer.quality;

import dev.seed.mlops.trainer.store.StoreFile;
import dev.seed.mlops.trainer.store.StoreLocation;
import java.util.function.Consumer;

/**
 * Everything one InferenceService logged and was told: the prediction and label lines of every pod's log under
 * {@code <store>/prediction-logs/<namespace>/<service>/<pod>/}, complete ({@code .jsonl.gz}) and being written
 * ({@code .jsonl.gz.partial}), and the label files under {@code <store>/labels/<namespace>/<service>/}. Read in one
 * pass, line by line, each prediction and label handed on as it is read: nothing is held here. The store is a claim
 * or S3 alike ({@link StoreFile}).
 *
 * @param files       log files read
 * @param brokenFiles complete files whose gzip stream broke off (their lines before the break were read)
 */
public record ServiceLogs(int files, int brokenFiles) {
    static final String COMPLETE = ".jsonl.gz";
    static final String PARTIAL = ".jsonl.gz.partial";

    /** Label files first, then the logs: of two labels for an id that arrived at the same instant, a file's wins. */
    public static ServiceLogs read(StoreLocation store, String namespace, String service, Consumer<LoggedPrediction> predictions,
            Consumer<ArrivedLabel> labels, Refusals refusals) {
        String below = namespace + "/" + service;
        LabelFiles.read(store.resolve("labels/" + below), labels, refusals);
        PredictionLogFormat format = new PredictionLogFormat(refusals);
        int files = 0;
        int broken = 0;
        // <pod>/<file>: two levels below the service
        for (StoreFile file : StoreFile.list(store.resolve("prediction-logs/" + below), 2)) {
            if (!file.name().endsWith(COMPLETE) && !file.name().endsWith(PARTIAL)) {
                continue;
            }
            files++;
            boolean whole = LogLines.read(file, text -> format.parse(text).ifPresent(line -> {
                if (line instanceof PredictionLogFormat.PredictionLine p) {
                    predictions.accept(p.prediction());
                } else if (line instanceof PredictionLogFormat.LabelLine l) {
                    labels.accept(l.label());
                }
            }));
            if (!whole && file.name().endsWith(COMPLETE)) {
                broken++;
            }
        }
        return new ServiceLogs(files, broken);
    }
}
