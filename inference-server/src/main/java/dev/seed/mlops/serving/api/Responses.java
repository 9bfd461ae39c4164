package dev.seed.mlops.serving.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON answers, errors included, in the shape KServe clients expect: {@code {"error": "..."}}. */
final class Responses {

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence OCTET_STREAM = HttpHeaders.createOptimized("application/octet-stream");

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, Buffer body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
    }

    /**
     * With compression enabled Quarkus marks every answer {@code Content-Encoding: identity}; without that mark,
     * Vert.x compresses the answer when the request's Accept-Encoding asks for gzip or deflate. Only inference
     * answers drop it, as Triton compresses only them: tritonclient's asyncio client reads every other answer, errors
     * included, as plain JSON although its HTTP library asks for gzip on every request.
     */
    private static HttpServerResponse compressible(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.headers().remove(HttpHeaders.CONTENT_ENCODING);
        return response;
    }

    /**
     * A successful inference answer, compressed if the client accepts it: JSON, or JSON followed by binary tensors
     * with the length of its JSON in a header.
     */
    static void reply(RoutingContext ctx, InferenceProtocol.Reply reply) {
        HttpServerResponse response = compressible(ctx).setStatusCode(200);
        if (reply.jsonLength() == InferenceProtocol.Reply.JSON_ONLY) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(reply.body());
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, OCTET_STREAM)
                    .putHeader(BinaryTensors.HEADER, Integer.toString(reply.jsonLength())).end(reply.body());
        }
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
