package dev.camelproto.simulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Authentication, body validation and dispatch of the eight operations. */
public final class Api {

    /** A response to send. */
    public record Response(int status, byte[] body, Map<String, String> headers) {}

    private static final List<String> CUSTOMER_FIELDS =
            List.of("external_customer_id", "name", "location", "email", "phone_number", "avatar");
    private static final List<String> TICKET_IDS =
            List.of("customer_id", "external_customer_id", "gateway_profile_id", "provided_unique_id");

    private final ObjectMapper mapper;
    private final Map<String, TeamspaceState> teamspaces;
    private final Ulids ulids;

    public Api(ObjectMapper mapper, Map<String, TeamspaceState> teamspaces, Ulids ulids) {
        this.mapper = mapper;
        this.teamspaces = teamspaces;
        this.ulids = ulids;
    }

    public Response handle(Routes.Route route, List<String> params, String authorization, byte[] body)
            throws IOException {
        try {
            TeamspaceState ts = authenticate(params.get(0), authorization);
            return switch (route.name()) {
                case Routes.TICKET_CREATE -> createTicket(ts, body);
                case Routes.CUSTOMER_GET -> json(200, ts.getCustomer(params.get(1)));
                case Routes.CUSTOMER_CREATE -> upsertCustomer(ts, params.get(1), body);
                case Routes.CUSTOMER_ADD_TAGS -> addTags(ts, params.get(1), body);
                case Routes.CUSTOMER_ADD_CUSTOM_FIELDS -> addCustomFields(ts, params.get(1), body);
                case Routes.CUSTOM_FIELD_LIST -> new Response(200, ts.listCustomFieldsJson(), Map.of());
                case Routes.CUSTOM_FIELD_CREATE -> createCustomField(ts, body);
                case Routes.CUSTOM_FIELD_DELETE -> json(200, ts.deleteCustomField(params.get(1)));
                default -> throw ApiException.notFound(Contract.MSG_NOT_FOUND);
            };
        } catch (ApiException e) {
            return error(e);
        }
    }

    public Response error(ApiException e) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detail", e.detail());
        return new Response(e.status(), mapper.writeValueAsBytes(m), Map.of());
    }

    public Response error(int status, String detail, Map<String, String> headers) throws JsonProcessingException {
        return new Response(status, mapper.writeValueAsBytes(Map.of("detail", detail)), headers);
    }

    private Response json(int status, Object node) throws JsonProcessingException {
        return new Response(status, mapper.writeValueAsBytes(node), Map.of());
    }

    // ---------------------------------------------------------------- auth

    private TeamspaceState authenticate(String subcompanyId, String authorization) {
        if (authorization == null) {
            throw ApiException.invalid("missing", "Field required", "header", "authorization");
        }
        String a = authorization.trim();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized();
        }
        String token = a.substring(7).trim();
        TeamspaceState ts = teamspaces.get(subcompanyId);
        if (ts == null || token.isEmpty() || !ts.secretMatches(token)) {
            throw ApiException.unauthorized();
        }
        return ts;
    }

    // ---------------------------------------------------------------- body helpers

    /** Parses the body as a JSON object; empty body → {@code missing} (or an empty object when allowed). */
    private JsonNode object(byte[] body, boolean emptyAllowed) {
        if (isBlank(body)) {
            if (emptyAllowed) {
                return mapper.createObjectNode();
            }
            throw ApiException.invalid("missing", "Field required", "body");
        }
        JsonNode n;
        try {
            n = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            long offset = 0;
            if (e.getLocation() != null) {
                offset = e.getLocation().getCharOffset() >= 0
                        ? e.getLocation().getCharOffset()
                        : Math.max(0, e.getLocation().getByteOffset());
            }
            throw ApiException.invalid("json_invalid", "JSON decode error", "body", offset);
        } catch (IOException e) {
            throw ApiException.invalid("json_invalid", "JSON decode error", "body", 0);
        }
        if (n == null || !n.isObject()) {
            throw ApiException.invalid(
                    "model_attributes_type",
                    "Input should be a valid dictionary or object to extract fields from",
                    "body");
        }
        return n;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** An optional string: absent/null → null; non-string → error. */
    private static String optString(JsonNode obj, String key, ApiException.ValidationErrors errors, Object... loc) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add("string_type", "Input should be a valid string", loc);
            return null;
        }
        return v.textValue();
    }

    // ---------------------------------------------------------------- operations

    private Response createTicket(TeamspaceState ts, byte[] body) throws JsonProcessingException {
        JsonNode o = object(body, false);
        ApiException.ValidationErrors errors = new ApiException.ValidationErrors();
        JsonNode subject = o.get("subject");
        if (subject == null) {
            errors.add("missing", "Field required", "body", "subject");
        } else if (!subject.isTextual()) {
            errors.add("string_type", "Input should be a valid string", "body", "subject");
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (String k : TICKET_IDS) {
            String v = optString(o, k, errors, "body", k);
            if (v != null) {
                ids.put(k, v);
            }
        }
        errors.throwIfAny();
        if (ids.isEmpty()) {
            throw ApiException.invalid(
                    "value_error",
                    "Value error, one of customer_id, external_customer_id, gateway_profile_id, provided_unique_id"
                            + " must be provided",
                    "body");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> asMap = mapper.convertValue(o, LinkedHashMap.class);
        String id = ts.createTicket(
                ulids,
                subject.textValue(),
                ids.get("customer_id"),
                ids.get("provided_unique_id"),
                ids.get("external_customer_id"),
                ids.get("gateway_profile_id"),
                asMap);
        return json(Contract.TICKET_CREATED_STATUS, Map.of("id", id));
    }

    private Response upsertCustomer(TeamspaceState ts, String puid, byte[] body) throws JsonProcessingException {
        JsonNode o = object(body, true);
        ApiException.ValidationErrors errors = new ApiException.ValidationErrors();
        Map<String, String> values = new LinkedHashMap<>();
        for (String k : CUSTOMER_FIELDS) {
            JsonNode v = o.get(k);
            if (v == null) {
                continue;
            }
            if (v.isNull()) {
                values.put(k, null);
            } else if (v.isTextual()) {
                values.put(k, v.textValue());
            } else {
                errors.add("string_type", "Input should be a valid string", "body", k);
            }
        }
        errors.throwIfAny();
        return json(Contract.CUSTOMER_UPSERT_STATUS, ts.upsertCustomer(ulids, puid, values));
    }

    private Response addTags(TeamspaceState ts, String puid, byte[] body) throws JsonProcessingException {
        JsonNode o = object(body, false);
        ApiException.ValidationErrors errors = new ApiException.ValidationErrors();
        List<String> tags = new ArrayList<>();
        JsonNode t = o.get("tags");
        if (t == null) {
            errors.add("missing", "Field required", "body", "tags");
        } else if (!t.isArray()) {
            errors.add("list_type", "Input should be a valid list", "body", "tags");
        } else {
            for (int i = 0; i < t.size(); i++) {
                JsonNode e = t.get(i);
                if (!e.isTextual()) {
                    errors.add("string_type", "Input should be a valid string", "body", "tags", i);
                } else if (e.textValue().isEmpty()) {
                    errors.add("string_too_short", "String should have at least 1 character", "body", "tags", i);
                } else {
                    tags.add(e.textValue());
                }
            }
        }
        boolean create = false;
        JsonNode flag = o.get("create_if_not_exists");
        if (flag != null && !flag.isNull()) {
            Boolean b = laxBool(flag, errors, "body", "create_if_not_exists");
            create = b != null && b;
        }
        errors.throwIfAny();
        return json(200, ts.addTags(puid, tags, create));
    }

    /**
     * A declared {@code bool} body field, validated like Pydantic v2 in lax mode (what FastAPI uses for JSON
     * bodies): JSON true/false; the integers 0/1 (and the floats 0.0/1.0); the strings "true"/"false", "1"/"0",
     * "yes"/"no", "on"/"off", "t"/"f", "y"/"n" (case-insensitive). Other numbers and strings → {@code bool_parsing};
     * other JSON types → {@code bool_type}.
     *
     * @return the value, or null after adding the error to {@code errors}
     */
    static Boolean laxBool(JsonNode v, ApiException.ValidationErrors errors, Object... loc) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() || v.isFloatingPointNumber()) {
            java.math.BigDecimal d = v.decimalValue();
            if (d.compareTo(java.math.BigDecimal.ZERO) == 0) {
                return false;
            }
            if (d.compareTo(java.math.BigDecimal.ONE) == 0) {
                return true;
            }
            errors.add("bool_parsing", "Input should be a valid boolean, unable to interpret input", loc);
            return null;
        }
        if (v.isTextual()) {
            switch (v.textValue().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "yes", "on", "t", "y":
                    return true;
                case "false", "0", "no", "off", "f", "n":
                    return false;
                default:
                    errors.add("bool_parsing", "Input should be a valid boolean, unable to interpret input", loc);
                    return null;
            }
        }
        errors.add("bool_type", "Input should be a valid boolean", loc);
        return null;
    }

    private Response addCustomFields(TeamspaceState ts, String puid, byte[] body) throws JsonProcessingException {
        JsonNode o = object(body, false);
        ApiException.ValidationErrors errors = new ApiException.ValidationErrors();
        List<TeamspaceState.FieldValue> items = new ArrayList<>();
        JsonNode arr = o.get("custom_fields");
        if (arr == null) {
            errors.add("missing", "Field required", "body", "custom_fields");
        } else if (!arr.isArray()) {
            errors.add("list_type", "Input should be a valid list", "body", "custom_fields");
        } else {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode e = arr.get(i);
                if (!e.isObject()) {
                    errors.add(
                            "model_attributes_type",
                            "Input should be a valid dictionary or object to extract fields from",
                            "body",
                            "custom_fields",
                            i);
                    continue;
                }
                String id = optString(e, "id", errors, "body", "custom_fields", i, "id");
                String name = optString(e, "name", errors, "body", "custom_fields", i, "name");
                boolean idOk = e.get("id") == null
                        || e.get("id").isNull()
                        || e.get("id").isTextual();
                boolean nameOk = e.get("name") == null
                        || e.get("name").isNull()
                        || e.get("name").isTextual();
                if (id == null && name == null && idOk && nameOk) {
                    errors.add(
                            "value_error",
                            "Value error, one of id or name must be provided",
                            "body",
                            "custom_fields",
                            i);
                }
                JsonNode value = e.get("value");
                if (value == null) {
                    errors.add("missing", "Field required", "body", "custom_fields", i, "value");
                }
                items.add(new TeamspaceState.FieldValue(i, id, name, value));
            }
        }
        errors.throwIfAny();
        return json(200, ts.addCustomFields(puid, items));
    }

    private Response createCustomField(TeamspaceState ts, byte[] body) throws JsonProcessingException {
        JsonNode o = object(body, false);
        ApiException.ValidationErrors errors = new ApiException.ValidationErrors();
        String name = null;
        JsonNode n = o.get("name");
        if (n == null) {
            errors.add("missing", "Field required", "body", "name");
        } else if (!n.isTextual()) {
            errors.add("string_type", "Input should be a valid string", "body", "name");
        } else if (n.textValue().isBlank()) {
            errors.add("string_too_short", "String should have at least 1 non-blank character", "body", "name");
        } else {
            name = n.textValue();
        }
        String type = null;
        JsonNode t = o.get("type");
        if (t == null) {
            errors.add("missing", "Field required", "body", "type");
        } else if (!t.isTextual() || !Contract.FIELD_TYPES.contains(t.textValue())) {
            errors.add("enum", "Input should be 'text', 'number', 'boolean', 'date' or 'select'", "body", "type");
        } else {
            type = t.textValue();
        }
        List<String> options = null;
        JsonNode so = o.get("select_options");
        boolean present = so != null && !so.isNull();
        if (type != null) {
            if ("select".equals(type)) {
                if (!present) {
                    errors.add(
                            "value_error",
                            "Value error, select_options must be provided if and only if type is select",
                            "body",
                            "select_options");
                } else {
                    options = selectOptions(so, errors);
                }
            } else if (present) {
                errors.add(
                        "value_error",
                        "Value error, select_options must be provided if and only if type is select",
                        "body",
                        "select_options");
            }
        }
        errors.throwIfAny();
        return json(Contract.CUSTOM_FIELD_CREATED_STATUS, ts.createCustomField(ulids, null, name, type, options));
    }

    /** Validates select options: a non-empty list of distinct, non-blank strings. */
    static List<String> selectOptions(JsonNode so, ApiException.ValidationErrors errors) {
        if (!so.isArray()) {
            errors.add("list_type", "Input should be a valid list", "body", "select_options");
            return null;
        }
        if (so.isEmpty()) {
            errors.add("too_short", "List should have at least 1 item", "body", "select_options");
            return null;
        }
        List<String> options = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < so.size(); i++) {
            JsonNode e = so.get(i);
            if (!e.isTextual()) {
                errors.add("string_type", "Input should be a valid string", "body", "select_options", i);
            } else if (e.textValue().isBlank()) {
                errors.add("string_too_short", "String should have at least 1 character", "body", "select_options", i);
            } else if (!seen.add(e.textValue())) {
                errors.add(
                        "value_error", "Value error, duplicate option " + e.textValue(), "body", "select_options", i);
            } else {
                options.add(e.textValue());
            }
        }
        return List.copyOf(options);
    }
}
