package dev.seed.mlops.serving.predictionlog;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids for requests that bring none: 64 random bits drawn once per process, then a counter, e.g.
 * {@code 3f9c0a7be1d24c55-1k}: unique across pods and restarts without coordination, and cheap per request.
 */
public final class RequestIds {

    /** The HTTP header a client may set to name its request, and that every inference answer carries. */
    public static final String HEADER = "x-request-id";

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public RequestIds() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        this.prefix = HexFormat.of().formatHex(random) + "-";
    }

    public String next() {
        return prefix + Long.toString(counter.incrementAndGet(), Character.MAX_RADIX);
    }
}
