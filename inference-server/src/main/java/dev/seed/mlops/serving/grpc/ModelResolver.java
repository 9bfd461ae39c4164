package dev.seed.mlops.serving.grpc;

import dev.seed.mlops.serving.ModelHost;
import dev.seed.mlops.serving.Serving;
import dev.seed.mlops.serving.api.ApiError;
import dev.seed.mlops.serving.tensor.Features;

/** The served model a call names (an empty version: the one served), or the NOT_FOUND / UNAVAILABLE it gets. */
final class ModelResolver {

    private final ModelHost host;

    ModelResolver(ModelHost host) {
        this.host = host;
    }

    Serving require(String model, String version) {
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
