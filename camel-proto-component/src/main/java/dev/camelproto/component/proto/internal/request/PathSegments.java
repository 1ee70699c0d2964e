package dev.camelproto.component.proto.internal.request;

import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.net.PercentCodec;

/** Percent-encoding of one path segment, so that any id stays inside its segment. */
public final class PathSegments {

    private PathSegments() {}

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
            boolean unreserved = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
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

    /**
     * Encodes literal text of a {@code proto:raw} path segment as RFC 3986 {@code pchar}: unreserved characters,
     * sub-delims, {@code ':'} and {@code '@'} stay as written, and so does a valid escape {@code %XX} (the path is a URI
     * path, as the route gives it); a {@code '%'} that starts no escape and every other character become their UTF-8
     * octets, percent-encoded. The caller has rejected '/', '?', '#', control characters and lone surrogates.
     */
    public static void appendPchars(StringBuilder out, CharSequence literal) {
        int i = 0;
        while (i < literal.length()) {
            char c = literal.charAt(i);
            if (c == '%' && i + 2 < literal.length() && isHex(literal.charAt(i + 1)) && isHex(literal.charAt(i + 2))) {
                out.append(literal, i, i + 3);
                i += 3;
            } else if (isPchar(c)) {
                out.append(c);
                i++;
            } else {
                int end = i + Character.charCount(Character.codePointAt(literal, i));
                PercentCodec.encode(out, literal.subSequence(i, end), StandardCharsets.UTF_8);
                i = end;
            }
        }
    }

    /** The segment with its escapes decoded (UTF-8; octets that are no UTF-8 become U+FFFD). */
    public static String decode(String encoded) {
        return PercentCodec.decode(encoded, StandardCharsets.UTF_8);
    }

    /** RFC 3986 pchar without pct-encoded: unreserved / sub-delims / ":" / "@". */
    static boolean isPchar(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** The index of the first lone (unpaired) UTF-16 surrogate, which has no UTF-8 form, or -1. */
    public static int firstLoneSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first ISO control character (C0, DEL, C1) or lone surrogate, or -1. */
    public static int firstUnsendable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
