package dev.seed.mlops.store;

import java.time.Instant;

/**
 * An object found under a prefix.
 *
 * @param key          its key relative to the prefix listed
 * @param lastModified when the store last wrote it (for an object written once: when it appeared)
 */
public record StoredObject(String key, long size, Instant lastModified) {
}
