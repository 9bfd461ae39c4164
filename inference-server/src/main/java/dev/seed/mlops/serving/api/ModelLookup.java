package dev.seed.mlops.serving.api;

import dev.seed.mlops.serving.ModelHost;
import dev.seed.mlops.serving.Serving;
import dev.seed.mlops.serving.tensor.Features;
import io.vertx.ext.web.RoutingContext;

/** Resolves the {model} and {version} of a path to the served model, or the 404 / 503 a client should get. */
final class ModelLookup {

    private final ModelHost host;

    ModelLookup(ModelHost host) {
        this.host = host;
    }

    Serving require(RoutingContext ctx) {
        Serving serving = host.serving().orElseThrow(() -> ApiError.unavailable("the model is still loading"));
        String model = ctx.pathParam("model");
        String version = ctx.pathParam("version");
        if (!serving.model().name().equals(model)) {
            throw ApiError.notFound("ModelNotFound", "model '" + Features.abbreviate(String.valueOf(model))
                    + "' is not served here; this server serves '" + serving.model().name() + "'");
        }
        if (version != null && !serving.model().version().equals(version)) {
            throw ApiError.notFound("VersionNotFound", "version '" + Features.abbreviate(version) + "' of model '"
                    + model + "' is not served here; this server serves version " + serving.model().version());
        }
        return serving;
    }
}
