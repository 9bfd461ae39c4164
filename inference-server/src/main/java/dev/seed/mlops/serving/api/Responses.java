package dev.seed.mlops.serving.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON answers, errors included, in the shape KServe clients expect: {@code {"error": "..."}}. */
final class Responses {

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, Buffer body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
    }

    /** {@code {"error": message, "reason": CamelCaseWord}}; reason lets a client branch without parsing text. */
    static void error(RoutingContext ctx, int status, String reason, String message) {
        if (ctx.response().ended()) {
            return;
        }
        json(ctx, status, Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeStringField("reason", reason);
            json.writeEndObject();
        }));
    }

    static void error(RoutingContext ctx, ApiError error) {
        error(ctx, error.status(), error.reason(), error.getMessage());
    }
}
