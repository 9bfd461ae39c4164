package dev.seed.mlops.operator.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;

/** Deep copies of status objects: a reconcile edits a copy and patches only when it differs from what it read. */
public final class StatusCopies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusCopies() {
    }

    public static <S> S copyOrNew(S status, Class<S> type, Supplier<S> empty) {
        return status == null ? empty.get() : JSON.convertValue(status, type);
    }

    public static boolean same(Object a, Object b) {
        return JSON.valueToTree(a).equals(JSON.valueToTree(b));
    }
}
