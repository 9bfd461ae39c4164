package dev.seed.mlops.serving;

import dev.seed.mlops.serving.api.ApiError;
import dev.seed.mlops.serving.tensor.Features;

/**
 * The served model a request names (an empty version: the one served), or the error it gets: model or version not
 * served here (404, gRPC NOT_FOUND), or the model still loading (503, UNAVAILABLE). Both protocols resolve alike.
 */
public final class ModelResolver {

    private final ModelHost host;

    public ModelResolver(ModelHost host) {
        this.host = host;
    }

    public Serving require(String model, String version) {
        Serving serving = host.serving().orElseThrow(() -> ApiError.unavailable("the model is still loading"));
        if (!serving.model().name().equals(model)) {
            throw ApiError.notFound("ModelNotFound", "model '" + Features.abbreviate(model)
                    + "' is not served here; this server serves '" + serving.model().name() + "'");
        }
        if (!version.isEmpty() && !serving.model().version().equals(version)) {
            throw ApiError.notFound("VersionNotFound", "version '" + Features.abbreviate(version) + "' of model '"
                    + model + "' is not served here; this server serves version " + serving.model().version());
        }
        return serving;
    }
}
