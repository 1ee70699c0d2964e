package dev.camelproto.component.proto.internal;

import java.nio.charset.StandardCharsets;

import org.apache.hc.core5.net.PercentCodec;

/** Percent-encoding of one path segment, so that any id stays inside its segment. */
public final class PathSegments {

    private PathSegments() {
    }

    /**
     * Encodes every octet except RFC 3986 unreserved characters (HttpClient's {@link PercentCodec}); a segment made
     * only of dots ({@code .} or {@code ..}) is encoded entirely, so no client or server treats it as a dot-segment.
     */
    public static String encode(String segment) {
        if (isUnreserved(segment)) {
            return segment; // the common case (ULIDs, your own ids): nothing to encode, no allocation
        }
        if (!segment.isEmpty() && segment.chars().allMatch(c -> c == '.')) {
            return "%2E".repeat(segment.length());
        }
        StringBuilder sb = new StringBuilder(segment.length() + 8);
        PercentCodec.encode(sb, segment, StandardCharsets.UTF_8);
        return sb.toString();
    }

    /** Only RFC 3986 unreserved characters (ALPHA / DIGIT / "-" / "." / "_" / "~"), and not only dots. */
    private static boolean isUnreserved(String segment) {
        boolean onlyDots = true;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                                 || c == '.' || c == '_' || c == '~';
            if (!unreserved) {
                return false;
            }
            onlyDots &= c == '.';
        }
        return !segment.isEmpty() && !onlyDots;
    }

    /** True when the value has a CR, LF or NUL, which no id may contain. */
    public static boolean hasForbiddenControl(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0;
    }
}
