package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.ModelHost;
import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.predictionlog.PredictionLog;
import dev.seed.mlops.serving.routing.Routing;
import dev.seed.mlops.serving.routing.RoutingClients;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The HTTP API (DESIGN.md, Inference HTTP API), on Quarkus' Vert.x router: plain routes keep the hot path to
 * a body read, a streaming JSON parse, a tree walk and a streaming JSON write.
 */
@ApplicationScoped
public class InferenceRoutes {

    private final ModelHost host;
    private final ServingConfig config;
    private final ObjectMapper mapper;
    private final Routing routing;
    private final RoutingClients clients;
    private final PredictionLog log;

    public InferenceRoutes(ModelHost host, ServingConfig config, ObjectMapper mapper, Routing routing,
            RoutingClients clients, PredictionLog log) {
        this.host = host;
        this.config = config;
        this.mapper = mapper;
        this.routing = routing;
        this.clients = clients;
        this.log = log;
    }

    void register(@Observes Router router) {
        ModelEndpoints endpoints = new ModelEndpoints(host, mapper, routing);
        // HEAD is answered like GET without the body (Vert.x drops it), as probes and some clients send it.
        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
            router.route(method, "/v2/health/live").handler(endpoints::live);
            router.route(method, "/v2/health/ready").handler(endpoints::ready);
            router.route(method, "/").handler(endpoints::v1Live);
        }
        router.get("/v2").handler(endpoints::serverMetadata);
        router.get("/v2/models/:model").handler(endpoints::metadata);
        router.get("/v2/models/:model/versions/:version").handler(endpoints::metadata);
        router.get("/v2/models/:model/ready").handler(endpoints::modelReady);
        router.get("/v2/models/:model/versions/:version/ready").handler(endpoints::modelReady);
        router.get("/v2/models/:model/drift").handler(endpoints::drift);
        router.get("/v2/models/:model/routing").handler(endpoints::routing);
        router.get("/v1/models").handler(endpoints::v1Models);
        router.get("/v1/models/:model").handler(endpoints::modelReady);

        ServingConfig.Http limits = config.http();
        InferenceHandler v2 = new InferenceHandler(new V2Protocol(), host, limits, routing, clients, log);
        inference(router.post("/v2/models/:model/infer"), v2);
        inference(router.post("/v2/models/:model/versions/:version/infer"), v2);
        // The model name ends at the colon of ":predict" (sent raw, or percent-encoded by some clients);
        // the named group becomes the "model" path parameter.
        inference(router.routeWithRegex(HttpMethod.POST, "/v1/models/(?<model>[^/:%]+)(?::|%3[Aa])predict"),
                new InferenceHandler(new V1Protocol(), host, limits, routing, clients, log));
        ExplainHandler v2Explain = new ExplainHandler(new V2Protocol(), host, limits);
        inference(router.post("/v2/models/:model/explain"), v2Explain, null);
        inference(router.post("/v2/models/:model/versions/:version/explain"), v2Explain, null);
        inference(router.routeWithRegex(HttpMethod.POST, "/v1/models/(?<model>[^/:%]+)(?::|%3[Aa])explain"),
                new ExplainHandler(new V1Protocol(), host, limits), null);

        FeedbackHandler feedback = new FeedbackHandler(host, mapper, log, limits);
        inference(router.post("/v2/models/:model/feedback"), feedback, null);
        inference(router.routeWithRegex(HttpMethod.POST, "/v1/models/(?<model>[^/:%]+)(?::|%3[Aa])feedback"),
                feedback, null);

        router.route("/v1/*").last().handler(InferenceRoutes::notFound);
        router.route("/v2/*").last().handler(InferenceRoutes::notFound);
    }

    private void inference(Route route, InferenceHandler handler) {
        inference(route, handler, handler);
    }

    /** @param counted the handler whose model's metrics count a refused body, if any */
    private void inference(Route route, Handler<RoutingContext> handler, InferenceHandler counted) {
        route.handler(BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes()));
        route.handler(handler);
        // The body handler fails the route with 413 when the body is over the limit, or 400 when it breaks off.
        route.failureHandler(ctx -> {
            int status = ctx.statusCode() == 413 ? 413 : 400;
            Responses.error(ctx, status, status == 413 ? "TooLarge" : "BadRequest", status == 413
                    ? "the body is larger than " + config.http().maxBodyBytes() + " bytes"
                    : "the request could not be read: " + (ctx.failure() == null ? "" : ctx.failure().getMessage()));
            if (counted != null) {
                counted.rejected(status);
            }
        });
    }

    private static void notFound(RoutingContext ctx) {
        Responses.error(ctx, 404, "NotFound", "no endpoint " + ctx.request().method() + " " + ctx.request().path()
                + "; see docs/protocol.md: /v2/models/{model}/infer, /v1/models/{model}:predict, /v2/health/ready, ...");
    }
}
