package dev.seed.mlops.operator.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that records Kubernetes events, so kubectl describe tells the story without operator logs. Events are
 * aggregated the Kubernetes way: the name is derived from the involved object, type, reason and message, so a repeat
 * finds the event it repeats and raises its {@code count} and {@code lastTimestamp} instead of adding another.
 */
public class EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENT = "mlops-operator";
    private static final int MAX_MESSAGE = 1024;
    private static final int MAX_NAME = 253;
    private static final int HASH_CHARS = 16;
    /** Create, or read and patch, at most this often when other writers of the same event keep getting in between. */
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(HasMetadata about, EventReason reason, String message) {
        record(about, "Normal", reason, message);
    }

    public void warning(HasMetadata about, EventReason reason, String message) {
        record(about, "Warning", reason, message);
    }

    /** {@code <object name>.<16 hex digits of a SHA-256 over the object's identity, type, reason and message>}. */
    static String eventName(HasMetadata about, String type, EventReason reason, String message) {
        var metadata = about.getMetadata();
        String identity = String.join("\n", about.getKind(), Objects.toString(metadata.getNamespace(), ""), metadata.getName(),
                Objects.toString(metadata.getUid(), ""), type, reason.name(), message);
        String prefix = metadata.getName();
        if (prefix.length() > MAX_NAME - HASH_CHARS - 1) {
            prefix = prefix.substring(0, MAX_NAME - HASH_CHARS - 1).replaceAll("[-.]+$", "");
        }
        return prefix + "." + sha256(identity).substring(0, HASH_CHARS);
    }

    private void record(HasMetadata about, String type, EventReason reason, String message) {
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
        String now = Timestamps.format(clock.instant());
        String namespace = about.getMetadata().getNamespace();
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(eventName(about, type, reason, text))
                    .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(about.getApiVersion())
                        .withKind(about.getKind())
                        .withName(about.getMetadata().getName())
                        .withNamespace(namespace)
                        .withUid(about.getMetadata().getUid())
                        .build())
                .withType(type)
                .withReason(reason.name())
                .withMessage(text)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource(COMPONENT, null)
                .withReportingComponent(COMPONENT)
                .build();
        LOG.info("{} {}/{} {}: {}", type.toLowerCase(Locale.ROOT), about.getKind(), about.getMetadata().getName(), reason, message);
        try {
            createOrCount(event, now);
        } catch (KubernetesClientException e) {
            // An event is a courtesy; failing to record one must not fail the reconcile that caused it.
            LOG.warn("could not record event {} for {}/{}: {}", reason, about.getKind(), about.getMetadata().getName(), e.getMessage());
        }
    }

    /** Creates the event or, when it exists, counts one more occurrence; a concurrent writer makes it try again. */
    private void createOrCount(Event event, String now) {
        var events = client.v1().events().inNamespace(event.getMetadata().getNamespace());
        String name = event.getMetadata().getName();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (answered(() -> events.resource(event).create())) {
                return;
            }
            Event existing = events.withName(name).get();
            if (existing != null && answered(() -> events.withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), repeated(existing, now)))) {
                return;
            }
        }
        throw new KubernetesClientException("event " + name + " kept changing under " + ATTEMPTS + " attempts to count it");
    }

    /** True when the request went through, false when it met a conflict (the event exists, or changed since it was read). */
    private static boolean answered(Runnable request) {
        try {
            request.run();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    /** A merge patch that counts one more occurrence; its resourceVersion makes a concurrent count a conflict, not a loss. */
    private static String repeated(Event existing, String now) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("metadata", Map.of("resourceVersion", existing.getMetadata().getResourceVersion()));
        patch.put("count", (existing.getCount() == null ? 1 : existing.getCount()) + 1);
        patch.put("lastTimestamp", now);
        try {
            return JSON.writeValueAsString(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
