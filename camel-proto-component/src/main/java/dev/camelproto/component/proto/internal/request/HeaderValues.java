package dev.camelproto.component.proto.internal.request;

import dev.camelproto.component.proto.ProtoValidationException;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Message;

/**
 * Reads the component's input headers strictly: a header of the wrong Java type is a validation error naming the
 * header, never a silent null (Camel's lenient conversion would turn an {@code Integer} into "no value" and fall back
 * to a default the user did not ask for).
 */
public final class HeaderValues {

    private HeaderValues() {}

    /** A text header: a CharSequence, or a number (written as text); null when absent. */
    public static String text(String operation, Message message, String header) {
        Object value = message.getHeader(header);
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence || value instanceof Number) {
            return value.toString();
        }
        throw wrongType(operation, header, "a String", value);
    }

    /** A boolean header: a Boolean, or the text true/false (any case); null when absent. */
    public static Boolean bool(String operation, Message message, String header) {
        Object value = message.getHeader(header);
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof CharSequence cs) {
            String text = cs.toString().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
        }
        throw wrongType(operation, header, "a Boolean (or the text true/false)", value);
    }

    /** A list of names: a Collection of texts, or comma-separated text; null when absent. */
    public static java.util.List<String> names(String operation, Message message, String header) {
        Object value = message.getHeader(header);
        if (value == null) {
            return null;
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        if (value instanceof CharSequence cs) {
            for (String name : cs.toString().split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
            return names;
        }
        if (value instanceof java.util.Collection<?> many) {
            for (Object name : many) {
                if (!(name instanceof CharSequence) || name.toString().isBlank()) {
                    throw new ProtoValidationException(
                            operation, "every element of the header " + header + " must be a non-empty tag name");
                }
                names.add(name.toString().trim());
            }
            return names;
        }
        throw wrongType(operation, header, "a List of names or comma-separated text", value);
    }

    /** A map header (String keys); null when absent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(String operation, Message message, String header) {
        Object value = message.getHeader(header);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) {
                    throw new ProtoValidationException(
                            operation, "the header " + header + " must be a Map with String keys");
                }
            }
            return (Map<String, Object>) map;
        }
        throw wrongType(operation, header, "a Map", value);
    }

    private static ProtoValidationException wrongType(String operation, String header, String expected, Object value) {
        return new ProtoValidationException(
                operation,
                "the header " + header + " must be " + expected + ", but is a "
                        + value.getClass().getName());
    }
}
