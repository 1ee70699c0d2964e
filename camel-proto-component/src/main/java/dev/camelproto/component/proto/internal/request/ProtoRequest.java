package dev.camelproto.component.proto.internal.request;

import java.util.Locale;

/**
 * One HTTP call to make: the operation name (for errors and metrics), the method, the path and query below the base
 * URL, the body (or null) and, for operations addressing one resource, that resource's id.
 */
public record ProtoRequest(String operation, String method, String path, byte[] body, String resourceId) {

    /** GET, HEAD, OPTIONS, PUT and DELETE may be sent again without changing the outcome (RFC 9110 9.2.2). */
    public boolean idempotent() {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS", "PUT", "DELETE" -> true;
            default -> false;
        };
    }

    public boolean isDelete() {
        return "DELETE".equalsIgnoreCase(method);
    }
}
