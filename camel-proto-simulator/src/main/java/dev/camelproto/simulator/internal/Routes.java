package dev.camelproto.simulator.internal;

import java.util.ArrayList;
import java.util.List;

/** The eight routes of the Proto API (paths relative to the prefix, {@code {x}} = path parameter). */
public final class Routes {

    public record Route(String name, String method, String[] pattern) {
        /** The path parameters when the decoded segments match this pattern, else null. */
        List<String> match(List<String> segments) {
            if (segments.size() != pattern.length) {
                return null;
            }
            List<String> params = new ArrayList<>(2);
            for (int i = 0; i < pattern.length; i++) {
                String p = pattern[i];
                String s = segments.get(i);
                if (p.startsWith("{")) {
                    if (s.isEmpty()) {
                        return null;
                    }
                    params.add(s);
                } else if (!p.equals(s)) {
                    return null;
                }
            }
            return params;
        }
    }

    public static final String TICKET_CREATE = "ticket/create";
    public static final String CUSTOMER_GET = "customer/get";
    public static final String CUSTOMER_CREATE = "customer/create";
    public static final String CUSTOMER_ADD_TAGS = "customer/addTags";
    public static final String CUSTOMER_ADD_CUSTOM_FIELDS = "customer/addCustomFields";
    public static final String CUSTOM_FIELD_LIST = "customField/list";
    public static final String CUSTOM_FIELD_CREATE = "customField/create";
    public static final String CUSTOM_FIELD_DELETE = "customField/delete";

    public static final List<Route> ALL = List.of(
            route(TICKET_CREATE, "POST", "v1/conversations/{subcompany_id}/create-ticket"),
            route(CUSTOMER_GET, "GET", "v1/customers/{subcompany_id}/customer/{provided_unique_id}/get-customer"),
            route(CUSTOMER_CREATE, "PUT", "v1/customers/{subcompany_id}/create-customer/{provided_unique_id}"),
            route(CUSTOMER_ADD_TAGS, "PUT", "v1/customers/{subcompany_id}/customer/{provided_unique_id}/add-tags"),
            route(
                    CUSTOMER_ADD_CUSTOM_FIELDS,
                    "PUT",
                    "v1/customers/{subcompany_id}/customer/{provided_unique_id}/add-custom-fields"),
            route(CUSTOM_FIELD_LIST, "GET", "v1/custom-fields/{subcompany_id}/list-custom-fields"),
            route(CUSTOM_FIELD_CREATE, "POST", "v1/custom-fields/{subcompany_id}/create-custom-field"),
            route(
                    CUSTOM_FIELD_DELETE,
                    "DELETE",
                    "v1/custom-fields/{subcompany_id}/custom-field/{custom_field_id}/delete-custom-fields"));

    private Routes() {}

    private static Route route(String name, String method, String path) {
        return new Route(name, method, path.split("/"));
    }

    /**
     * Like uvicorn + Starlette: percent-decodes the WHOLE raw path as UTF-8 first (so {@code %2F} becomes a real
     * '/'; '+' stays '+'; malformed escapes are kept literally and invalid UTF-8 becomes U+FFFD, like Python's
     * {@code unquote}), then splits the decoded path on '/'.
     */
    public static String decodePath(String rawPath) {
        return percentDecode(rawPath);
    }

    /** Splits a decoded path (after the prefix, starting with '/') on '/'. */
    public static List<String> splitSegments(String decodedRelative) {
        List<String> out = new ArrayList<>();
        String s = decodedRelative.startsWith("/") ? decodedRelative.substring(1) : decodedRelative;
        int start = 0;
        while (true) {
            int slash = s.indexOf('/', start);
            out.add(slash < 0 ? s.substring(start) : s.substring(start, slash));
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return out;
    }

    public static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(ch).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(ch) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
