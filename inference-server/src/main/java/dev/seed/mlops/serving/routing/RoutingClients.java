package dev.seed.mlops.serving.routing;

import dev.seed.mlops.serving.config.ServingConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.core.Vertx;

/**
 * The HTTP clients of routing, built on first use: one pool for forwarded requests, whose clients wait for them,
 * and a separate one for mirrors, so mirrors can never hold the connections forwards need.
 */
@ApplicationScoped
public class RoutingClients {

    /** Connections per target for forwarded requests (and as many waiting); beyond that a request is answered locally. */
    private static final int FORWARD_CONNECTIONS = 128;

    private final Forwarder forwarder;
    private final ShadowMirror mirror;

    public RoutingClients(Vertx vertx, ServingConfig config, Routing routing) {
        ServingConfig.Routing settings = config.routing();
        this.forwarder = new Forwarder(vertx, routing.ownVersion(), FORWARD_CONNECTIONS, settings.connectTimeout(),
                settings.forwardTimeout(), false);
        this.mirror = new ShadowMirror(new Forwarder(vertx, routing.ownVersion(), settings.shadowMaxInFlight(),
                settings.connectTimeout(), settings.shadowTimeout(), true), routing.shadow(), settings.shadowMaxInFlight());
    }

    public Forwarder forwarder() {
        return forwarder;
    }

    public ShadowMirror mirror() {
        return mirror;
    }

    void onStop(@Observes ShutdownEvent event) {
        forwarder.close();
        mirror.close();
    }
}
