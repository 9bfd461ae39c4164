package dev.seed.mlops.trainer.quality;

import dev.seed.mlops.artifact.QualityKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The quality Job's figures as {@link QualityKeys} lays them out in the Job's result, and a one-line summary. */
public final class QualityReport {
    private QualityReport() {
    }

    public static Map<String, Double> figures(List<VersionQuality> qualities, Refusals refusals) {
        Map<String, Double> figures = new TreeMap<>();
        for (VersionQuality q : qualities) {
            q.metrics().forEach((metric, value) -> figures.put(QualityKeys.key(q.version(), metric), value));
            figures.put(QualityKeys.key(q.version(), QualityKeys.LABELLED), (double) q.labelled());
            figures.put(QualityKeys.key(q.version(), QualityKeys.UNLABELLED), (double) q.unlabelled());
            figures.put(QualityKeys.key(q.version(), QualityKeys.DUPLICATES), (double) q.duplicates());
            if (q.delayP50() != null) {
                figures.put(QualityKeys.key(q.version(), QualityKeys.DELAY_P50), q.delayP50());
                figures.put(QualityKeys.key(q.version(), QualityKeys.DELAY_MAX), q.delayMax());
            }
        }
        figures.put(QualityKeys.REFUSED, (double) refusals.total());
        return figures;
    }

    public static String summary(List<VersionQuality> qualities, Refusals refusals) {
        List<String> parts = new ArrayList<>();
        for (VersionQuality q : qualities) {
            parts.add(String.format(Locale.ROOT, "v%d: %d labelled, %d unlabelled, %d duplicate labels%s", q.version(), q.labelled(),
                    q.unlabelled(), q.duplicates(), q.metrics().containsKey("auc") ? String.format(Locale.ROOT, ", auc %.4f", q.metrics().get("auc"))
                            : q.metrics().containsKey("rmse") ? String.format(Locale.ROOT, ", rmse %.4f", q.metrics().get("rmse")) : ""));
        }
        String versions = parts.isEmpty() ? "no predictions in the window" : String.join("; ", parts);
        return refusals.total() == 0 ? versions : versions + "; refused " + refusals.summary();
    }
}
