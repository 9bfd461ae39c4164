package dev.seed.mlops.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects broken rules: keeps the first few verbatim and counts all of them per rule. */
public final class Violations {
    /** What a Dataset's status shows at most, so what is worth keeping. */
    public static final int KEPT = 20;

    private final List<Violation> first = new ArrayList<>();
    private final Map<String, Long> countsByRule = new TreeMap<>();
    private long total;

    public void report(Violation violation) {
        if (first.size() < KEPT) {
            first.add(violation);
        }
        countsByRule.merge(violation.rule(), 1L, Long::sum);
        total++;
    }

    /** Adds another collection's violations after this one's, as if they had been reported here in that order. */
    public void addAll(Violations other) {
        other.first.stream().limit(KEPT - first.size()).forEach(first::add);
        other.countsByRule.forEach((rule, count) -> countsByRule.merge(rule, count, Long::sum));
        total += other.total;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public long total() {
        return total;
    }

    public List<Violation> first() {
        return List.copyOf(first);
    }

    /** Throws when any rule was broken: the message names the first violation and counts the others. */
    public void throwIfAny() {
        if (total > 0) {
            throw new DataValidationException(this);
        }
    }

    /** The first violation, then how many there were of each rule. */
    public String summary() {
        if (total == 0) {
            return "no violations";
        }
        StringBuilder text = new StringBuilder(first.get(0).toString());
        if (total > 1) {
            text.append(" (").append(total).append(" violations in all: ");
            countsByRule.forEach((rule, count) -> text.append(rule).append(' ').append(count).append(", "));
            text.setLength(text.length() - 2);
            text.append(')');
        }
        return text.toString();
    }
}
