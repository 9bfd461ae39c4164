package dev.seed.mlops.trainer.quality;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Lines and rows the quality Job would not use, counted by reason: never guessed at, never fatal. */
public final class Refusals {
    private final Map<String, Long> byReason = new TreeMap<>();

    public void add(String reason) {
        byReason.merge(reason, 1L, Long::sum);
    }

    public long total() {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> byReason() {
        return Map.copyOf(byReason);
    }

    /** "3 × unknown format version v=2; 1 × malformed JSON", most frequent first. */
    public String summary() {
        return byReason.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " × " + e.getKey())
                .collect(Collectors.joining("; "));
    }
}
