package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the operator last applied to each child of an object, so that a reconcile applies only what it would change.
 * Server-side apply of an unchanged object is a no-op for the API server but still a request: at a thousand
 * InferenceServices, re-applying every child on every pass made thousands of them. A child is applied again when its
 * desired state differs from the last apply; for a kind the operator watches, also when the cache shows it changed
 * or deleted since (someone else wrote it, or it is gone); for a kind it does not watch, when the last apply is older
 * than the refresh period, so a hand-deleted or hand-edited child comes back within that period. After a restart,
 * everything is applied once.
 */
public final class LastApplied {
    private record Entry(String desiredDigest, String resourceVersion, Instant at) {
    }

    private final Map<ResourceID, Map<String, Entry>> byOwner = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration refresh;

    public LastApplied(Clock clock, Duration refresh) {
        this.clock = clock;
        this.refresh = refresh;
    }

    /**
     * For a watched kind.
     *
     * @param cached the child as the informer cache has it, or empty where the cache has none
     */
    public boolean matchesCache(ResourceID owner, HasMetadata desired, Optional<? extends HasMetadata> cached) {
        Entry entry = entry(owner, desired);
        return entry != null && entry.desiredDigest().equals(digest(desired)) && cached.isPresent()
                && Objects.equals(cached.get().getMetadata().getResourceVersion(), entry.resourceVersion());
    }

    /** For a kind the operator does not watch. */
    public boolean appliedRecently(ResourceID owner, HasMetadata desired) {
        Entry entry = entry(owner, desired);
        return entry != null && entry.desiredDigest().equals(digest(desired)) && clock.instant().isBefore(entry.at().plus(refresh));
    }

    /** @param result the object the API server answered the apply with */
    public void applied(ResourceID owner, HasMetadata desired, HasMetadata result) {
        byOwner.computeIfAbsent(owner, id -> new ConcurrentHashMap<>())
                .put(key(desired), new Entry(digest(desired), result.getMetadata().getResourceVersion(), clock.instant()));
    }

    /** The owner is gone: nothing of it is remembered. */
    public void forget(ResourceID owner) {
        byOwner.remove(owner);
    }

    private Entry entry(ResourceID owner, HasMetadata desired) {
        Map<String, Entry> children = byOwner.get(owner);
        return children == null ? null : children.get(key(desired));
    }

    private static String key(HasMetadata object) {
        return object.getApiVersion() + "/" + object.getKind() + "/" + object.getMetadata().getName();
    }

    private static String digest(HasMetadata desired) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Serialization.asJson(desired).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
