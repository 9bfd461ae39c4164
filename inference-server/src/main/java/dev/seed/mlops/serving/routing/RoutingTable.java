package dev.seed.mlops.serving.routing;

/**
 * The routing in force for this pod, immutable and swapped whole: its role, where it sends requests and which
 * share. The counters of the splits start again with each new table, so each step's shares are exact from its start.
 *
 * @param document the document in force, or null when there is none
 * @param revision the ConfigMap's resourceVersion the document came from, or null
 * @param role     this pod's role
 * @param target   where forwarded and mirrored requests go (the canary for stable, stable for other), or null
 * @param forward  which requests are forwarded to the target
 * @param shadow   which of the requests answered locally are mirrored to the target
 */
public record RoutingTable(RoutingDocument document, String revision, Role role, Address target,
        TrafficSplit forward, TrafficSplit shadow) {

    private static final TrafficSplit NEVER = new TrafficSplit(0);

    /** Every request answered locally. */
    public static final RoutingTable UNROUTED = new RoutingTable(null, null, Role.UNROUTED, null, NEVER, NEVER);

    /** The table a pod serving {@code ownVersion} follows under this document. */
    public static RoutingTable of(RoutingDocument document, String revision, String ownVersion) {
        RoutingDocument.Canary canary = document.canary();
        if (ownVersion.equals(document.stable().version())) {
            return canary == null
                    ? new RoutingTable(document, revision, Role.STABLE, null, NEVER, NEVER)
                    : new RoutingTable(document, revision, Role.STABLE, canary.target().address(),
                            new TrafficSplit(canary.weight()), new TrafficSplit(canary.shadow()));
        }
        if (canary != null && ownVersion.equals(canary.target().version())) {
            return new RoutingTable(document, revision, Role.CANARY, null, NEVER, NEVER);
        }
        return new RoutingTable(document, revision, Role.OTHER, document.stable().address(), new TrafficSplit(100), NEVER);
    }

    /** No document: the ConfigMap does not exist (yet). */
    public static RoutingTable absent(String revision) {
        return new RoutingTable(null, revision, Role.UNROUTED, null, NEVER, NEVER);
    }

    /** Where forwarded and mirrored gRPC calls go: the gRPC port of {@link #target}'s Service, or null. */
    public Address grpcTarget() {
        if (target == null) {
            return null;
        }
        return role == Role.STABLE ? document.canary().target().grpcAddress() : document.stable().grpcAddress();
    }

    public double agreementTolerance() {
        return document == null ? RoutingDocument.DEFAULT_AGREEMENT_TOLERANCE : document.agreementTolerance();
    }
}
