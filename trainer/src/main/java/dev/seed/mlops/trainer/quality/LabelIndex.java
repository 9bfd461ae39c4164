package dev.seed.mlops.trainer.quality;

import java.util.HashMap;
import java.util.Map;

/**
 * The labels that came back, indexed by prediction id as they are read: the first to arrive per id (by its received
 * time, whatever order the files are read in) and how many more arrived for it. Only these are held, not every label
 * line, so the quality Job's memory grows with the distinct ids labelled, not with the lines logged.
 */
public final class LabelIndex {
    private final Map<String, ArrivedLabel> first = new HashMap<>();
    private final Map<String, Long> later = new HashMap<>();

    public void add(ArrivedLabel label) {
        ArrivedLabel held = first.get(label.id());
        if (held == null) {
            first.put(label.id(), label);
            return;
        }
        later.merge(label.id(), 1L, Long::sum);
        if (label.received().isBefore(held.received())) {
            first.put(label.id(), label);
        }
    }

    /** The first label to arrive for the id, or null. */
    ArrivedLabel first(String id) {
        return first.get(id);
    }

    /** Labels beyond the first for the id. */
    long duplicates(String id) {
        return later.getOrDefault(id, 0L);
    }

    /** Ids with a label. */
    public int size() {
        return first.size();
    }
}
