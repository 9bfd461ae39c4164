package dev.seed.mlops.operator.common;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.MlopsStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The status half of every reconciler: patch the planned status only when it differs from what was read, and turn an
 * error that outlived its retries into {@code Ready=False} with the error's message (JOSDK's updateErrorStatus), so a
 * permanent failure is visible in {@code kubectl get} instead of a stale status.
 */
public final class StatusSkeleton {
    public static final String RECONCILE_ERROR = "ReconcileError";

    private StatusSkeleton() {
    }

    /** The planned status as an UpdateControl: no request at all when nothing changed. */
    public static <S extends MlopsStatus, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(R resource, S planned) {
        if (StatusCopies.same(planned, resource.getStatus())) {
            return UpdateControl.noUpdate();
        }
        resource.setStatus(planned);
        return UpdateControl.patchStatus(resource);
    }

    /** Ready=False with the error, keeping the rest of the status as it was; JOSDK keeps retrying with its backoff. */
    public static <S extends MlopsStatus, R extends CustomResource<?, S>> ErrorStatusUpdateControl<R> error(R resource, Class<S> type,
            Supplier<S> empty, Exception error, Instant now) {
        S status = StatusCopies.copyOrNew(resource.getStatus(), type, empty);
        Conditions.set(status, Conditions.READY, ConditionStatus.False, RECONCILE_ERROR, describe(error),
                resource.getMetadata().getGeneration(), now);
        if (StatusCopies.same(status, resource.getStatus())) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        resource.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(resource);
    }

    /** The innermost message, with the API server's status message when the error came from it. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null
                ? k.getStatus().getMessage() : root.getMessage();
        String text = message == null ? Failures.message(root) : message;
        return text.length() > 512 ? text.substring(0, 509) + "..." : text;
    }
}
