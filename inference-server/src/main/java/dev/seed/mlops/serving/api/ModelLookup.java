package dev.seed.mlops.serving.api;

import dev.seed.mlops.serving.ModelHost;
import dev.seed.mlops.serving.ModelResolver;
import dev.seed.mlops.serving.Serving;
import io.vertx.ext.web.RoutingContext;

/** Resolves the {model} and {version} of a path to the served model, or the 404 / 503 a client should get. */
final class ModelLookup {

    private final ModelResolver resolver;

    ModelLookup(ModelHost host) {
        this.resolver = new ModelResolver(host);
    }

    Serving require(RoutingContext ctx) {
        String version = ctx.pathParam("version");
        return resolver.require(String.valueOf(ctx.pathParam("model")), version == null ? "" : version);
    }
}
