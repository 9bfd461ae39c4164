package dev.seed.mlops.serving.api;

/** A request the server refuses, with the HTTP status and the explanation the client gets as JSON. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String reason;

    public ApiError(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public static ApiError badRequest(String reason, String message) {
        return new ApiError(400, reason, message);
    }

    public static ApiError notFound(String reason, String message) {
        return new ApiError(404, reason, message);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "TooLarge", message);
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "NotReady", message);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
