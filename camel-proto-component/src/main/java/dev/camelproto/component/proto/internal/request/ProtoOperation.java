package dev.camelproto.component.proto.internal.request;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * THE operation table: one row per {@code proto:<resource>/<operation>}. It drives dispatch (method and path),
 * validation (path parameters and the body mapper's rules) and the docs (see {@code docs/} and its test). Paths are
 * exactly as Proto publishes them; body mappers hold the CONTRACT guesses of {@code proto-api.md}, in one place
 * ({@link RequestBodies}). Adding an operation is adding one row.
 */
public enum ProtoOperation {
    TICKET_CREATE(
            "ticket",
            "create",
            "POST",
            "/v1/conversations/{subcompany_id}/create-ticket",
            RequestBodies::ticket,
            "Creates a ticket (conversation). Body: subject and one of customer_id, external_customer_id,"
                    + " gateway_profile_id, provided_unique_id."),
    CUSTOMER_GET(
            "customer",
            "get",
            "GET",
            "/v1/customers/{subcompany_id}/customer/{provided_unique_id}/get-customer",
            null,
            "Gets a customer by provided unique id (custom field values excluded)."),
    CUSTOMER_CREATE(
            "customer",
            "create",
            "PUT",
            "/v1/customers/{subcompany_id}/create-customer/{provided_unique_id}",
            RequestBodies::customer,
            "Creates or updates a customer. Body: external_customer_id, name, location, email,"
                    + " phone_number, avatar (all optional)."),
    CUSTOMER_ADD_TAGS(
            "customer",
            "addTags",
            "PUT",
            "/v1/customers/{subcompany_id}/customer/{provided_unique_id}/add-tags",
            RequestBodies::tags,
            "Adds tags to a customer. Body: a List or comma-separated String of tag names, or"
                    + " {\"tags\": [...], \"create_if_not_exists\": bool}."),
    CUSTOMER_ADD_CUSTOM_FIELDS(
            "customer",
            "addCustomFields",
            "PUT",
            "/v1/customers/{subcompany_id}/customer/{provided_unique_id}/add-custom-fields",
            RequestBodies::customFields,
            "Sets custom field values on a customer. Body: a Map of field name to value, a List"
                    + " of {id|name, value}, or {\"custom_fields\": [...]}."),
    CUSTOM_FIELD_LIST(
            "customField",
            "list",
            "GET",
            "/v1/custom-fields/{subcompany_id}/list-custom-fields",
            null,
            "Lists the custom field definitions of the teamspace."),
    CUSTOM_FIELD_CREATE(
            "customField",
            "create",
            "POST",
            "/v1/custom-fields/{subcompany_id}/create-custom-field",
            RequestBodies::customFieldDefinition,
            "Creates a custom field definition. Body: name, type, and select_options if and only if"
                    + " type is select."),
    CUSTOM_FIELD_DELETE(
            "customField",
            "delete",
            "DELETE",
            "/v1/custom-fields/{subcompany_id}/custom-field/{custom_field_id}/delete-custom-fields",
            null,
            "Deletes a custom field definition by id."),
    CUSTOMER_UPSERT(
            "customer",
            "upsert",
            null,
            null,
            null,
            "Composite: customer/create with the customer fields, then customer/addTags (body key tags, else the"
                    + " CamelProtoTags header) and"
                    + " customer/addCustomFields by name (body key"
                    + " custom_fields), skipping the calls it does not need."),
    RAW(
            "raw",
            null,
            null,
            null,
            null,
            "Any other call of the API: method and path from the options method/path or the headers"
                    + " CamelProtoHttpMethod/CamelProtoPath, path placeholders from"
                    + " CamelProtoPathParams, query from CamelProtoQuery; the body is sent as given.");

    private final String resource;
    private final String action;
    private final String method;
    private final String pathTemplate;
    private final RequestBodyMapper bodyMapper;
    private final String description;
    private final List<PathParameter> pathParameters;

    ProtoOperation(
            String resource,
            String action,
            String method,
            String pathTemplate,
            RequestBodyMapper bodyMapper,
            String description) {
        this.resource = resource;
        this.action = action;
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.bodyMapper = bodyMapper;
        this.description = description;
        List<PathParameter> params = new ArrayList<>();
        if (pathTemplate != null) {
            Matcher m = Pattern.compile("\\{([a-z_]+)}").matcher(pathTemplate);
            while (m.find()) {
                params.add(PathParameter.ofPlaceholder(m.group(1)));
            }
        }
        this.pathParameters = List.copyOf(params);
    }

    /** The name as written in the URI and in the {@code CamelProtoOperation} header, e.g. {@code customer/addTags}. */
    public String uriName() {
        return action == null ? resource : resource + "/" + action;
    }

    /** The HTTP call(s) of this row as the docs show them (Markdown). */
    public String httpCall() {
        if (isSingleCall()) {
            return "`" + method + " " + pathTemplate + "`";
        }
        if (this == CUSTOMER_UPSERT) {
            return "`" + CUSTOMER_CREATE.method + " " + CUSTOMER_CREATE.pathTemplate + "`, then as needed `"
                    + CUSTOMER_ADD_TAGS.method + " …/add-tags` and `" + CUSTOMER_ADD_CUSTOM_FIELDS.method
                    + " …/add-custom-fields`";
        }
        return "any method and path below the base URL";
    }

    /** Where the path values come from, as the docs show them (Markdown); the teamspace id is left out. */
    public String pathInputs() {
        if (this == CUSTOMER_UPSERT) {
            return "`provided_unique_id`: body key, else header `" + PathParameter.PROVIDED_UNIQUE_ID.header()
                    + "`, else option `" + PathParameter.PROVIDED_UNIQUE_ID.option() + "`";
        }
        if (this == RAW) {
            return "`{subcompany_id}` from the configuration, others from header `"
                    + dev.camelproto.component.proto.ProtoConstants.PATH_PARAMS + "`";
        }
        String inputs = pathParameters.stream()
                .filter(p -> p != PathParameter.SUBCOMPANY_ID)
                .map(p ->
                        "`" + p.placeholder() + "`: " + (p.header() != null ? "header `" + p.header() + "`, else " : "")
                                + "option `" + p.option() + "`")
                .collect(Collectors.joining("<br>"));
        return inputs.isEmpty() ? "-" : inputs;
    }

    /** The body the row sends, as the docs show it. */
    public String bodyForm() {
        return this == RAW ? "as given (POST/PUT/PATCH)" : this == CUSTOMER_UPSERT || hasBody() ? "JSON" : "none";
    }

    /** True for a row that is one fixed HTTP call (not raw, not a composite). */
    public boolean isSingleCall() {
        return method != null;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    public List<PathParameter> pathParameters() {
        return pathParameters;
    }

    /** The body mapper, or null when the operation sends no body. */
    public RequestBodyMapper bodyMapper() {
        return bodyMapper;
    }

    public boolean hasBody() {
        return bodyMapper != null;
    }

    public String description() {
        return description;
    }

    /** The valid operation names, comma-separated, in table order. */
    public static String names() {
        return Arrays.stream(values()).map(ProtoOperation::uriName).collect(Collectors.joining(","));
    }

    /** Finds an operation by its URI name; null when there is none. */
    public static ProtoOperation lookup(String uriName) {
        if (uriName != null) {
            for (ProtoOperation op : values()) {
                if (op.uriName().equals(uriName)) {
                    return op;
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return uriName();
    }
}
