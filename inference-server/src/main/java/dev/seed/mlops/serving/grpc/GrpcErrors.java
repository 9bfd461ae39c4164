package dev.seed.mlops.serving.grpc;

import dev.seed.mlops.serving.api.ApiError;
import dev.seed.mlops.serving.model.InvalidInputException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The gRPC status of a refused call, from the HTTP status the same mistake gets over HTTP (which the request
 * metrics count, whatever the protocol): a client's mistake is never INTERNAL.
 */
final class GrpcErrors {

    private GrpcErrors() {
    }

    /** The HTTP-equivalent status of a failure: what {@code mlops_inference_requests_total} counts it as. */
    static int httpStatus(Throwable failure) {
        if (failure instanceof ApiError e) {
            return e.status();
        }
        return failure instanceof InvalidInputException ? 400 : 500;
    }

    static StatusRuntimeException toStatus(Throwable failure) {
        int http = httpStatus(failure);
        Status status = switch (http) {
            case 404 -> Status.NOT_FOUND;
            case 413 -> Status.RESOURCE_EXHAUSTED;
            case 503 -> Status.UNAVAILABLE;
            default -> http < 500 ? Status.INVALID_ARGUMENT : Status.INTERNAL;
        };
        String message = http >= 500 && !(failure instanceof ApiError)
                ? "the server failed to predict: " + failure.getMessage() : failure.getMessage();
        return status.withDescription(message).asRuntimeException();
    }
}
