package dev.seed.mlops.serving.routing;

import dev.seed.mlops.serving.DriftWindowSetting;
import dev.seed.mlops.serving.config.ServingConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Feeds {@link Routing} from its source, and the drift window ({@link DriftWindowSetting}) from the same ConfigMap's
 * {@code drift.json}: an informer on the one routing ConfigMap (list and watch with a field
 * selector on its name, which a Role limited to that resourceName allows), or a file read once for local runs.
 * The Kubernetes client is built only when a ConfigMap is configured, so a server without routing never looks
 * for a cluster. Nothing here blocks start-up: readiness waits for the first read, up to the sync timeout.
 */
@ApplicationScoped
public class RoutingWatch {

    /** The ConfigMap key that holds the document. */
    public static final String KEY = "routing.json";

    private static final Logger LOG = Logger.getLogger(RoutingWatch.class);

    private final ServingConfig.Routing config;
    private final Routing routing;
    private final DriftWindowSetting driftWindow;
    private final Instance<KubernetesClient> clients;
    private volatile SharedIndexInformer<ConfigMap> informer;

    public RoutingWatch(ServingConfig config, Routing routing, DriftWindowSetting driftWindow, Instance<KubernetesClient> clients) {
        this.config = config.routing();
        this.routing = routing;
        this.driftWindow = driftWindow;
        this.clients = clients;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.file().isPresent()) {
            readFile(config.file().get());
        } else if (config.configMap().isPresent()) {
            String name = config.configMap().get();
            String namespace = config.namespace().orElseThrow(() -> new IllegalStateException(
                    "mlops.routing.namespace (MLOPS_ROUTING_NAMESPACE) must name the routing ConfigMap's namespace"));
            // Building the client loads much of fabric8: off the main thread, so the HTTP server starts meanwhile.
            Thread starter = new Thread(() -> {
                try {
                    watch(name, namespace);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "cannot watch ConfigMap %s/%s: every request is answered locally", namespace, name);
                }
            }, "routing-watch");
            starter.setDaemon(true);
            starter.start();
        }
    }

    private void readFile(Path file) {
        try {
            routing.accept(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the routing file " + file, e);
        }
    }

    private void watch(String name, String namespace) {
        LOG.infof("watching ConfigMap %s/%s for routing", namespace, name);
        SharedIndexInformer<ConfigMap> watching = clients.get().configMaps().inNamespace(namespace).withName(name)
                .runnableInformer(0);
        watching.addEventHandler(new ResourceEventHandler<ConfigMap>() {
            @Override
            public void onAdd(ConfigMap map) {
                follow(map);
            }

            @Override
            public void onUpdate(ConfigMap before, ConfigMap map) {
                follow(map);
            }

            @Override
            public void onDelete(ConfigMap map, boolean finalStateUnknown) {
                routing.absent(null);
                driftWindow.accept(null, null);
            }
        });
        // Keep retrying (with the informer's backoff) whatever fails: a missing Role binding or an API server
        // restart must not leave the pod without updates for the rest of its life.
        watching.exceptionHandler((started, error) -> {
            LOG.warnf("reading ConfigMap %s/%s for routing failed, retrying: %s", namespace, name, error.getMessage());
            return true;
        });
        informer = watching;
        CompletableFuture<Void> started = watching.start().toCompletableFuture();
        started.thenRun(() -> {
            if (watching.getStore().list().isEmpty()) {
                routing.absent(watching.lastSyncResourceVersion());
            }
        });
        started.copy().orTimeout(config.syncTimeout().toMillis(), TimeUnit.MILLISECONDS).exceptionally(error -> {
            LOG.errorf("ConfigMap %s/%s not read within %s: every request is answered locally until it is",
                    namespace, name, config.syncTimeout());
            return null;
        });
    }

    private void follow(ConfigMap map) {
        String document = map.getData() == null ? null : map.getData().get(KEY);
        // the window first: a revision the routing endpoint shows has been followed whole
        driftWindow.accept(map.getData() == null ? null : map.getData().get(DriftWindowSetting.KEY), map.getMetadata().getResourceVersion());
        routing.accept(document, map.getMetadata().getResourceVersion());
    }

    void onStop(@Observes ShutdownEvent event) {
        SharedIndexInformer<ConfigMap> watching = informer;
        if (watching != null) {
            watching.stop();
        }
    }
}
