package dev.seed.mlops.serving.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code routing.json} of the routing ConfigMap, checked whole (a document the pod cannot follow exactly is
 * refused, never half applied). Unknown fields are ignored so an older pod reads a newer operator's document.
 *
 * @param stable             the version the traffic Service selects
 * @param canary             the replacement, or null when none runs
 * @param agreementTolerance relative tolerance under which two regression predictions agree
 * @param json               the document as written, shown by the routing endpoint
 */
public record RoutingDocument(Version stable, Canary canary, double agreementTolerance, JsonNode json) {

    public static final double DEFAULT_AGREEMENT_TOLERANCE = 0.05;

    /**
     * A version and the addresses of its Service.
     *
     * @param grpcAddress its gRPC port, or null when the document has none (an older operator's): gRPC calls are then
     *                    answered where they arrive
     */
    public record Version(String version, Address address, Address grpcAddress) {
    }

    /** The canary, with the share of requests it answers ({@code weight}) and the share mirrored to it ({@code shadow}). */
    public record Canary(Version target, int weight, int shadow) {
    }

    public static RoutingDocument parse(ObjectMapper mapper, String text) {
        JsonNode json;
        try {
            json = mapper.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new InvalidRoutingException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new InvalidRoutingException("the document must be a JSON object with \"stable\"");
        }
        Version stable = version(json.get("stable"), "stable");
        JsonNode canaryNode = json.get("canary");
        Canary canary = canaryNode == null || canaryNode.isNull() ? null : new Canary(version(canaryNode, "canary"),
                percent(canaryNode, "weight"), percent(canaryNode, "shadow"));
        JsonNode tolerance = json.get("agreementTolerance");
        double agreementTolerance = DEFAULT_AGREEMENT_TOLERANCE;
        if (tolerance != null && !tolerance.isNull()) {
            if (!tolerance.isNumber() || tolerance.doubleValue() < 0 || !Double.isFinite(tolerance.doubleValue())) {
                throw new InvalidRoutingException("agreementTolerance " + tolerance + " is not a number >= 0");
            }
            agreementTolerance = tolerance.doubleValue();
        }
        return new RoutingDocument(stable, canary, agreementTolerance, json);
    }

    private static Version version(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            throw new InvalidRoutingException("\"" + name + "\" must be an object with version and address");
        }
        JsonNode version = node.get("version");
        JsonNode address = node.get("address");
        if (version == null || !(version.isIntegralNumber() || version.isTextual()) || version.asText().isBlank()) {
            throw new InvalidRoutingException(name + ".version " + version + " is not a version number");
        }
        if (address == null || !address.isTextual()) {
            throw new InvalidRoutingException(name + ".address " + address + " is not a host:port string");
        }
        JsonNode grpcAddress = node.get("grpcAddress");
        if (grpcAddress != null && !grpcAddress.isNull() && !grpcAddress.isTextual()) {
            throw new InvalidRoutingException(name + ".grpcAddress " + grpcAddress + " is not a host:port string");
        }
        return new Version(version.asText(), Address.parse(address.asText()),
                grpcAddress == null || grpcAddress.isNull() ? null : Address.parse(grpcAddress.asText()));
    }

    private static int percent(JsonNode canary, String field) {
        JsonNode value = canary.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 100) {
            throw new InvalidRoutingException("canary." + field + " " + value + " is not an integer in 0..100");
        }
        return value.asInt();
    }
}
