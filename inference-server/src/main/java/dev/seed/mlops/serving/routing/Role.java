package dev.seed.mlops.serving.routing;

/** What a pod does with requests, decided by its version and the routing in force. */
public enum Role {
    /** Serves the stable version: forwards the canary's share and mirrors the shadow share. */
    STABLE,
    /** Serves the canary: answers locally what it receives. */
    CANARY,
    /** An older version still reached through lagging endpoints: forwards everything to stable. */
    OTHER,
    /** Routing is off, not synced or absent: answers everything locally. */
    UNROUTED;

    /** The lower-case name the routing endpoint shows. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
