package dev.camelproto.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Value checks of custom field types (CONTRACT). A JSON null is always accepted (it clears the value). */
final class FieldTypes {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private FieldTypes() {}

    /** @return null when valid, else the error message */
    static String check(TeamspaceState.FieldRec f, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        switch (f.type()) {
            case "text":
                return v.isTextual() ? null : "Input should be a valid string";
            case "number":
                return v.isNumber() ? null : "Input should be a valid number";
            case "boolean":
                return v.isBoolean() ? null : "Input should be a valid boolean";
            case "date":
                if (v.isTextual() && DATE.matcher(v.textValue()).matches()) {
                    try {
                        LocalDate.parse(v.textValue());
                        return null;
                    } catch (DateTimeParseException e) {
                        // fall through
                    }
                }
                return "Input should be a valid date in the format YYYY-MM-DD";
            case "select":
                if (v.isTextual() && f.options().contains(v.textValue())) {
                    return null;
                }
                return "Input should be one of the options of '" + f.name() + "': " + f.options();
            default:
                return "Unsupported field type " + f.type();
        }
    }

    static String errorType(TeamspaceState.FieldRec f) {
        return switch (f.type()) {
            case "text" -> "string_type";
            case "number" -> "float_type";
            case "boolean" -> "bool_type";
            case "date" -> "date_from_datetime_parsing";
            default -> "enum";
        };
    }
}
