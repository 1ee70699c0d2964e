package dev.camelproto.component.proto.internal;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of one path segment, so that any id stays inside its segment. */
public final class PathSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /**
     * Encodes every octet except RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}); a segment made only of
     * dots ({@code .} or {@code ..}) is encoded entirely, so no client or server treats it as a dot-segment.
     */
    public static String encode(String segment) {
        boolean onlyDots = !segment.isEmpty() && segment.chars().allMatch(c -> c == '.');
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (!onlyDots && isUnreserved(c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
        return sb.toString();
    }

    /** True when the value has a CR, LF or NUL, which no id may contain. */
    public static boolean hasForbiddenControl(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0;
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }
}
