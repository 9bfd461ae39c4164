package dev.seed.mlops.serving.routing;

/** Where a version's Service answers: {@code host:port} (a ClusterIP: the cluster has no DNS), IPv6 in brackets. */
public record Address(String host, int port) {

    static Address parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new InvalidRoutingException("address '" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidRoutingException("address '" + text + "' has no numeric port");
        }
        if (port < 1 || port > 65535 || host.isBlank()) {
            throw new InvalidRoutingException("address '" + text + "' is not host:port with a port in 1..65535");
        }
        return new Address(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
