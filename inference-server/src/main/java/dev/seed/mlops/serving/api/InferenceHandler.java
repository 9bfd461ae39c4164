package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.seed.mlops.serving.ModelHost;
import dev.seed.mlops.serving.Serving;
import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.model.InvalidInputException;
import dev.seed.mlops.serving.predictionlog.PredictionLog;
import dev.seed.mlops.serving.routing.Forwarder;
import dev.seed.mlops.serving.routing.Routing;
import dev.seed.mlops.serving.routing.RoutingClients;
import dev.seed.mlops.serving.routing.RoutingTable;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * One predict or infer request, whatever the protocol: route it (docs/routing.md), or decode, predict, count for
 * drift, answer, measure (from the complete body to the answer), and mirror it if the routing says so.
 * It runs on the event loop: prediction is CPU work of microseconds, and a hand-off to a worker would cost
 * more than it; forwards and mirrors are asynchronous. Every failure of the request's own making becomes a 4xx
 * with a JSON explanation.
 */
final class InferenceHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(InferenceHandler.class);
    private static final String REQUEST_ID_KEY = "mlops.requestId";

    private final InferenceProtocol protocol;
    private final ModelHost host;
    private final ModelLookup lookup;
    private final ServingConfig.Http limits;
    private final Routing routing;
    private final RoutingClients clients;
    private final PredictionLog log;
    private final CharSequence ownVersion;

    InferenceHandler(InferenceProtocol protocol, ModelHost host, ServingConfig.Http limits, Routing routing,
            RoutingClients clients, PredictionLog log) {
        this.protocol = protocol;
        this.host = host;
        this.lookup = new ModelLookup(host);
        this.limits = limits;
        this.routing = routing;
        this.clients = clients;
        this.log = log;
        this.ownVersion = HttpHeaders.createOptimized(routing.ownVersion());
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.response().putHeader(Forwarder.MODEL_VERSION, ownVersion);
        RoutingTable table = routing.table();
        // Requests that come from another pod are answered here: the loop guard.
        boolean routed = table.target() != null && !ctx.request().headers().contains(Forwarder.FORWARDED);
        if (routed && table.forward().next()) {
            forward(ctx, table, started);
        } else {
            routing.requests().local();
            answerLocally(ctx, routed ? table : RoutingTable.UNROUTED, started);
        }
    }

    /**
     * The target answers, or, if it cannot be reached, goes silent or fails with a 5xx, this pod does. The request's
     * id is decided here, so that the client gets the same one whoever answers.
     */
    private void forward(RoutingContext ctx, RoutingTable table, long started) {
        String id = headerId(ctx);
        clients.forwarder().send(table.target(), ctx.request(), ctx.body().buffer(), id).onComplete(result -> {
            if (result.succeeded() && !result.result().failed()) {
                routing.requests().forwarded();
                relay(ctx.response(), result.result());
            } else {
                routing.requests().fallback();
                LOG.debugf("forward to %s failed, answering locally: %s", table.target(),
                        result.succeeded() ? "status " + result.result().status() : result.cause());
                ctx.put(REQUEST_ID_KEY, id);
                answerLocally(ctx, table, started);
            }
        });
    }

    /** The id a forward that fell back already gave the request, else the client's {@code x-request-id}, else a new id. */
    private String headerId(RoutingContext ctx) {
        String given = ctx.get(REQUEST_ID_KEY);
        if (given != null) {
            return given;
        }
        String sent = ctx.request().getHeader(Forwarder.REQUEST_ID);
        return sent != null ? sent : log.newId();
    }

    private static void relay(HttpServerResponse response, Forwarder.Answer answer) {
        if (response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        if (answer.contentType() != null) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        if (answer.modelVersion() != null) {
            response.putHeader(Forwarder.MODEL_VERSION, answer.modelVersion());
        }
        if (answer.requestId() != null) {
            response.putHeader(Forwarder.REQUEST_ID, answer.requestId());
        }
        if (answer.inferenceHeaderLength() != null) {
            response.putHeader(Forwarder.INFERENCE_HEADER_LENGTH, answer.inferenceHeaderLength());
        }
        response.end(answer.body());
    }

    /** @param table the routing whose shadow share this request counts towards */
    private void answerLocally(RoutingContext ctx, RoutingTable table, long started) {
        int status;
        try {
            answer(ctx, table);
            status = 200;
        } catch (ApiError e) {
            status = e.status();
            Responses.error(ctx, e);
        } catch (InvalidInputException e) {
            status = 400;
            Responses.error(ctx, status, e.reason(), e.getMessage());
        } catch (JsonProcessingException e) {
            status = 400;
            Responses.error(ctx, status, "MalformedJson", "the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException | RuntimeException e) {
            status = 500;
            LOG.errorf(e, "predict failed on %s", ctx.request().path());
            Responses.error(ctx, status, "InternalError", "the server failed to predict: " + e.getMessage());
        }
        long nanos = System.nanoTime() - started;
        int code = status;
        host.serving().ifPresent(serving -> serving.metrics().request(code, nanos));
    }

    private void answer(RoutingContext ctx, RoutingTable table) throws IOException {
        Serving serving = lookup.require(ctx);
        InferenceProtocol.Request request = RequestBodies.decode(ctx, protocol, serving.model().schema(), limits);
        // the id: the V2 body's own (an empty one is none), else the x-request-id header's, else a new one
        request = request.id() != null && !request.id().isEmpty() ? request : request.withId(headerId(ctx));
        float[] modelInput = serving.model().modelInput(request.batch());
        float[] predictions = serving.model().predict(modelInput, request.batch().rows());
        serving.drift().record(request.batch(), modelInput, predictions);
        ctx.response().putHeader(Forwarder.REQUEST_ID, request.id());
        Responses.reply(ctx, protocol.encode(request, serving.model(), predictions));
        serving.metrics().predicted(predictions, request.batch().rows());
        log.predicted(request.id(), serving.model(), request.batch(), predictions);
        // After the answer was handed to the client's connection: the mirror cannot delay it.
        if (table.shadow().next()) {
            clients.mirror().mirror(table, ctx.request(), ctx.body().buffer(), request.id(), serving.model(),
                    predictions, request.batch().rows(), protocol);
        }
    }

    /** Counts a request refused before it reached {@link #handle}, e.g. a body over the size limit. */
    void rejected(int status) {
        host.serving().ifPresent(serving -> serving.metrics().rejected(status));
    }
}
