package dev.seed.mlops.serving.predictionlog;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ids of the most recent requests this pod predicted (a bounded, insertion-ordered index), and which of their rows
 * got a label here, so the feedback endpoint can tell a label for a prediction it served from a duplicate or from a row
 * the request never had. An id it does not hold may have been served by another pod of the service or have left the
 * index: such a label is accepted as unverified (and remembered, so that a second one to this pod is a duplicate).
 */
public final class ServedIds {

    /** What a label for an id is. */
    public enum Verdict {
        /** Served by this pod and not labelled here before. */
        SERVED,
        /** Not in this pod's index: served elsewhere, too long ago, or never. */
        UNVERIFIED,
        /** Labelled here before (or twice in one feedback request). */
        DUPLICATE,
        /** A request this pod served has no such row, or has several rows and the label names none. */
        NO_SUCH_ROW;

        public boolean accepted() {
            return this == SERVED || this == UNVERIFIED;
        }
    }

    private final Map<String, Entry> entries;

    public ServedIds(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records a request predicted here, with its row count. */
    public synchronized void served(String id, int rows) {
        entries.put(id, new Entry(rows));
    }

    /**
     * Judges labels for these ids and, only if every one is accepted, records them as labelled: a feedback request is
     * taken whole or not at all.
     */
    public synchronized List<Verdict> label(List<String> ids) {
        List<Verdict> verdicts = new ArrayList<>(ids.size());
        Set<String> inRequest = new HashSet<>();
        boolean allAccepted = true;
        for (String id : ids) {
            Verdict verdict = inRequest.add(id) ? judge(id) : Verdict.DUPLICATE;
            verdicts.add(verdict);
            allAccepted &= verdict.accepted();
        }
        if (allAccepted) {
            for (String id : ids) {
                mark(id);
            }
        }
        return verdicts;
    }

    private Verdict judge(String id) {
        Row row = find(id);
        if (row == null) {
            Entry seen = entries.get(id);
            return seen == null ? Verdict.UNVERIFIED : Verdict.DUPLICATE;
        }
        if (row.index < 0 || row.index >= row.entry.rows) {
            return Verdict.NO_SUCH_ROW;
        }
        return row.entry.labelled(row.index) ? Verdict.DUPLICATE : Verdict.SERVED;
    }

    private void mark(String id) {
        Row row = find(id);
        if (row == null) {
            entries.put(id, new Entry(0)); // an unverified label: remembered to refuse a second one here
        } else {
            row.entry.label(row.index);
        }
    }

    /** The served request and row an id names ({@code <id>} of a one-row request, {@code <id>#<row>}), or null. */
    private Row find(String id) {
        Entry whole = entries.get(id);
        if (whole != null && whole.rows > 0) {
            return new Row(whole, whole.rows == 1 ? 0 : -1);
        }
        int hash = id.lastIndexOf('#');
        if (hash <= 0) {
            return null;
        }
        Entry request = entries.get(id.substring(0, hash));
        if (request == null || request.rows == 0) {
            return null;
        }
        try {
            int index = Integer.parseInt(id.substring(hash + 1));
            return new Row(request, request.rows == 1 ? -1 : index);
        } catch (NumberFormatException e) {
            return new Row(request, -1);
        }
    }

    private record Row(Entry entry, int index) {
    }

    /** A request's rows (0: a label-only entry) and which were labelled. */
    private static final class Entry {
        final int rows;
        private BitSet labelled;

        Entry(int rows) {
            this.rows = rows;
        }

        boolean labelled(int row) {
            return labelled != null && labelled.get(row);
        }

        void label(int row) {
            if (labelled == null) {
                labelled = new BitSet(rows);
            }
            labelled.set(row);
        }
    }
}
