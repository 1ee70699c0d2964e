package dev.camelproto.component.proto.internal.request;

import dev.camelproto.component.proto.ProtoConstants;
import org.apache.camel.Message;

/**
 * A placeholder of an operation's path template and where its value comes from: a header first, then an endpoint
 * option.
 */
public enum PathParameter {
    SUBCOMPANY_ID("subcompany_id", null, "subcompanyId", "the teamspace (sub-company) id"),
    PROVIDED_UNIQUE_ID(
            "provided_unique_id",
            ProtoConstants.PROVIDED_UNIQUE_ID,
            "providedUniqueId",
            "the customer's provided unique id"),
    CUSTOM_FIELD_ID("custom_field_id", ProtoConstants.CUSTOM_FIELD_ID, "customFieldId", "the custom field id");

    private final String placeholder;
    private final String token;
    private final String header;
    private final String option;
    private final String meaning;

    PathParameter(String placeholder, String header, String option, String meaning) {
        this.placeholder = placeholder;
        this.token = "{" + placeholder + "}";
        this.header = header;
        this.option = option;
        this.meaning = meaning;
    }

    public String placeholder() {
        return placeholder;
    }

    /** The placeholder as written in a path template, e.g. {@code {provided_unique_id}}. */
    public String token() {
        return token;
    }

    /** The header that sets it per exchange, or null when only the option can. */
    public String header() {
        return header;
    }

    public String option() {
        return option;
    }

    /** Where to set it, as a user reads it in an error message or the docs. */
    public String howToSet() {
        return header != null
                ? "the header " + header + " or the endpoint option " + option
                : "the component or endpoint option " + option;
    }

    public String meaning() {
        return meaning;
    }

    public String resolve(String operation, Message message, RequestDefaults configuration) {
        if (header != null) {
            String fromHeader = HeaderValues.text(operation, message, header);
            if (fromHeader != null) {
                return fromHeader;
            }
        }
        return switch (this) {
            case SUBCOMPANY_ID -> configuration.subcompanyId();
            case PROVIDED_UNIQUE_ID -> configuration.providedUniqueId();
            case CUSTOM_FIELD_ID -> configuration.customFieldId();
        };
    }

    static PathParameter ofPlaceholder(String placeholder) {
        for (PathParameter p : values()) {
            if (p.placeholder.equals(placeholder)) {
                return p;
            }
        }
        throw new IllegalStateException("No path parameter {" + placeholder + "}");
    }
}
