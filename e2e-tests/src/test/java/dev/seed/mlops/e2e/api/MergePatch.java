package dev.seed.mlops.e2e.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 7386 JSON merge patch on plain maps: null removes a key, objects merge, anything else replaces. */
final class MergePatch {
    private MergePatch() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> patchObject && result.get(key) instanceof Map<?, ?> targetObject) {
                result.put(key, apply((Map<String, Object>) targetObject, (Map<String, Object>) patchObject));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
