package dev.camelproto.component.proto.internal.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body mappers of the operation table. Every body shape that is a CONTRACT guess of {@code proto-api.md} lives
 * here and nowhere else. Rules:
 * <ul>
 * <li>A JSON string, {@code byte[]}/{@code InputStream} of JSON, a {@code Map} or any POJO Jackson can serialise is
 * the JSON body itself; convenience shapes (a list of tags, a map of field values) are turned into it.</li>
 * <li>Header values only fill keys the body lacks; they never overwrite a body key.</li>
 * <li>Only PUBLISHED rules (and plainly empty input) are enforced, so a user can always bypass a wrong guess by
 * sending the exact body they want.</li>
 * </ul>
 */
public final class RequestBodies {

    static final String[] TICKET_IDENTIFIERS = {
        "customer_id", "external_customer_id", "gateway_profile_id", "provided_unique_id"
    };

    static final Set<String> TICKET_KEYS =
            Set.of("subject", "customer_id", "external_customer_id", "gateway_profile_id", "provided_unique_id");
    static final Set<String> CUSTOMER_KEYS =
            Set.of("external_customer_id", "name", "location", "email", "phone_number", "avatar");

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);

    private RequestBodies() {}

    /**
     * ticket/create: {@code subject} and one of the four identifiers (PUBLISHED). When the body names none of them, ONE
     * is filled from the headers/options, in this precedence: {@code CamelProtoCustomerId},
     * {@code CamelProtoExternalCustomerId}, {@code CamelProtoGatewayProfileId}, {@code CamelProtoProvidedUniqueId},
     * then the option {@code providedUniqueId}. A body that names one is never given a second (two identifiers could
     * name two different customers).
     */
    static ObjectNode ticket(RequestInput in) {
        ObjectNode json = object(in, in.body(), true);
        fill(json, "subject", in.text(ProtoConstants.SUBJECT));
        boolean bodyHasIdentifier = false;
        for (String id : TICKET_IDENTIFIERS) {
            bodyHasIdentifier |= json.hasNonNull(id);
        }
        if (!bodyHasIdentifier) {
            String[][] sources = {
                {"customer_id", in.text(ProtoConstants.CUSTOMER_ID)},
                {"external_customer_id", in.text(ProtoConstants.EXTERNAL_CUSTOMER_ID)},
                {"gateway_profile_id", in.text(ProtoConstants.GATEWAY_PROFILE_ID)},
                {
                    "provided_unique_id",
                    PathParameter.PROVIDED_UNIQUE_ID.resolve(in.operation(), in.message(), in.configuration())
                }
            };
            for (String[] source : sources) {
                if (source[1] != null && !source[1].isBlank()) {
                    json.put(source[0], source[1]);
                    break;
                }
            }
        }
        if (!hasText(json, "subject")) {
            throw invalid(
                    in, "a subject is required: set the body field 'subject' or the header " + ProtoConstants.SUBJECT);
        }
        warnUnknownKeys(in, json, TICKET_KEYS);
        for (String id : TICKET_IDENTIFIERS) {
            if (hasText(json, id)) {
                return json;
            }
        }
        throw invalid(
                in,
                "one of customer_id, external_customer_id, gateway_profile_id or provided_unique_id is"
                        + " required: set it in the body, or set the header " + ProtoConstants.CUSTOMER_ID + ", "
                        + ProtoConstants.EXTERNAL_CUSTOMER_ID + ", " + ProtoConstants.GATEWAY_PROFILE_ID + " or "
                        + ProtoConstants.PROVIDED_UNIQUE_ID + " (or the endpoint option providedUniqueId)");
    }

    /** customer/create: the body as given; a null body is an empty object (an upsert that changes nothing). */
    static ObjectNode customer(RequestInput in) {
        ObjectNode json = object(in, in.body(), true);
        warnUnknownKeys(in, json, CUSTOMER_KEYS);
        return json;
    }

    /** customer/addTags: a list/array/comma-separated string of tag names, or the wire object itself. */
    static ObjectNode tags(RequestInput in) {
        Object body = readIfJsonText(in, in.body());
        ObjectNode json;
        if (body == null) {
            throw invalid(
                    in,
                    "tags are required: send a List of tag names, a comma-separated String or"
                            + " {\"tags\": [...]} as the body");
        } else if (isTagNames(body)) {
            json = tagsBody(in, tagNames(in, body), null);
        } else {
            json = object(in, body, false);
            fillCreateIfNotExists(in, json, null);
        }
        JsonNode tags = json.get("tags");
        if (tags != null && (tags.isNull() || tags.isArray() && tags.isEmpty())) {
            throw invalid(in, "at least one tag is required: the tag list is empty");
        }
        return json;
    }

    /**
     * The add-tags body for a list of names: {@code {"tags": [...], "create_if_not_exists": ...}}, the flag from
     * {@code createIfNotExists} when given (customer/upsert's body key), else the header, else the option.
     */
    static ObjectNode tagsBody(RequestInput in, ArrayNode names, JsonNode createIfNotExists) {
        ObjectNode json = in.objectMapper().createObjectNode();
        json.set("tags", names);
        fillCreateIfNotExists(in, json, createIfNotExists);
        return json;
    }

    /** True for the convenience shapes of a tag list: text, or a list/array. */
    static boolean isTagNames(Object value) {
        return value instanceof CharSequence
                || value instanceof Collection<?>
                || value instanceof Object[]
                || value instanceof ArrayNode
                || value instanceof TextNode;
    }

    /**
     * The tag names of a list/array (each a non-empty text) or of comma-separated text (blank names dropped); may be
     * empty. Anything else is a validation error.
     */
    static ArrayNode tagNames(RequestInput in, Object value) {
        ArrayNode names = in.objectMapper().createArrayNode();
        if (value instanceof CharSequence || value instanceof TextNode) {
            String text = value instanceof TextNode node ? node.asText() : value.toString();
            for (String tag : text.split(",")) {
                if (!tag.isBlank()) {
                    names.add(tag.trim());
                }
            }
            return names;
        }
        if (!isTagNames(value)) {
            throw invalid(in, "'tags' must be a list of tag names or a comma-separated text");
        }
        for (JsonNode tag : in.mappers().toTree(in.operation(), value)) {
            if (!tag.isTextual() || tag.asText().isBlank()) {
                throw invalid(in, "every element of 'tags' must be a non-empty tag name");
            }
            names.add(tag.asText());
        }
        return names;
    }

    private static void fillCreateIfNotExists(RequestInput in, ObjectNode json, JsonNode given) {
        if (given != null && !given.isNull()) {
            json.set("create_if_not_exists", given);
        } else if (!json.has("create_if_not_exists")) {
            Boolean create = in.bool(ProtoConstants.CREATE_IF_NOT_EXISTS);
            json.put(
                    "create_if_not_exists",
                    create != null ? create : in.configuration().createIfNotExists());
        }
    }

    /**
     * customer/addCustomFields: a Map of field name to value, a List of {id|name, value} elements, or the wire object
     * {@code {"custom_fields": [...]}} itself. Every element needs an id or a name (PUBLISHED).
     */
    static ObjectNode customFields(RequestInput in) {
        Object body = readIfJsonText(in, in.body());
        if (body == null || body instanceof CharSequence) {
            throw invalid(
                    in,
                    "custom field values are required: send a Map of field name to value, a List of"
                            + " {\"id\" or \"name\", \"value\"} or {\"custom_fields\": [...]} as the body");
        }
        return customFieldsBody(in, in.mappers().toTree(in.operation(), body), "the body");
    }

    /**
     * The add-custom-fields body for a value ({@code what} names it in errors): one {id|name, value}, a list of them,
     * the wire object, or a map of field name to value. customer/upsert reads its {@code custom_fields} key with it.
     */
    static ObjectNode customFieldsBody(RequestInput in, JsonNode tree, String what) {
        ObjectNode json;
        if (isSingleFieldValue(tree)) {
            json = in.objectMapper().createObjectNode();
            json.putArray("custom_fields").add(tree);
        } else if (tree.isArray()) {
            json = in.objectMapper().createObjectNode();
            json.set("custom_fields", tree);
        } else if (tree.isObject() && tree.has("custom_fields")) {
            json = (ObjectNode) tree;
        } else if (tree.isObject()) {
            json = in.objectMapper().createObjectNode();
            ArrayNode fields = json.putArray("custom_fields");
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.addObject().put("name", e.getKey()).set("value", e.getValue());
            }
        } else {
            throw invalid(in, what + " must be a Map, a List or a JSON object or array, not " + tree.getNodeType());
        }
        JsonNode fields = json.get("custom_fields");
        if (fields == null || !fields.isArray() || fields.isEmpty()) {
            throw invalid(in, "at least one custom field value is required: custom_fields is empty");
        }
        for (int i = 0; i < fields.size(); i++) {
            JsonNode element = fields.get(i);
            if (!element.isObject() || !hasText((ObjectNode) element, "id") && !hasText((ObjectNode) element, "name")) {
                throw invalid(in, "custom field element #" + (i + 1) + " needs an 'id' or a 'name'");
            }
        }
        return json;
    }

    /** customField/create: name and type; select_options if and only if type is select (PUBLISHED). */
    static ObjectNode customFieldDefinition(RequestInput in) {
        ObjectNode json = object(in, in.body(), false);
        if (!hasText(json, "name")) {
            throw invalid(in, "the body field 'name' is required");
        }
        if (!hasText(json, "type")) {
            throw invalid(in, "the body field 'type' is required (text, number, boolean, date or select)");
        }
        boolean select = "select".equals(json.get("type").asText());
        boolean hasOptions = json.hasNonNull("select_options");
        if (select && !hasOptions) {
            throw invalid(in, "the body field 'select_options' is required when type is select");
        }
        if (!select && hasOptions) {
            throw invalid(in, "the body field 'select_options' is only allowed when type is select");
        }
        return json;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The body as a JSON object; any body that is not one is a validation error. */
    static ObjectNode object(RequestInput in, Object body, boolean nullIsEmpty) {
        Object value = readIfJsonText(in, body);
        if (value == null) {
            if (nullIsEmpty) {
                return in.objectMapper().createObjectNode();
            }
            throw invalid(in, "a JSON object body is required");
        }
        if (value instanceof CharSequence) {
            throw invalid(in, "the body must be a JSON object, a Map or a POJO; got text that is not JSON");
        }
        JsonNode tree = in.mappers().toTree(in.operation(), value);
        if (!tree.isObject()) {
            throw invalid(in, "the body must be a JSON object, a Map or a POJO; got a JSON " + tree.getNodeType());
        }
        return (ObjectNode) tree;
    }

    /**
     * Parses JSON text (String starting with '{' or '[', byte[], InputStream) into a tree; other values are returned
     * unchanged.
     */
    private static Object readIfJsonText(RequestInput in, Object body) {
        try {
            if (body instanceof byte[] bytes) {
                return bytes.length == 0 ? null : in.objectMapper().readTree(bytes);
            }
            if (body instanceof InputStream stream) {
                byte[] bytes = stream.readAllBytes();
                return bytes.length == 0 ? null : in.objectMapper().readTree(bytes);
            }
            if (body instanceof CharSequence cs) {
                String text = cs.toString().strip();
                if (text.isEmpty()) {
                    return null;
                }
                if (text.startsWith("{") || text.startsWith("[")) {
                    return in.objectMapper().readTree(text);
                }
                return text;
            }
            if (body instanceof JsonNode node && node.isNull()) {
                return null;
            }
            return body;
        } catch (JsonProcessingException e) {
            throw invalid(in, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid(in, "the body could not be read: " + e.getMessage());
        }
    }

    /** {"id" or "name", "value"} and nothing else: one field value, not a map of two fields named id and value. */
    private static boolean isSingleFieldValue(JsonNode tree) {
        if (!tree.isObject() || !tree.has("value") || !(tree.has("id") || tree.has("name"))) {
            return false;
        }
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("id") && !key.equals("name") && !key.equals("value")) {
                return false;
            }
        }
        return true;
    }

    /** Keys the API ignores are most often a POJO or Map written in camelCase: say so at DEBUG. */
    private static void warnUnknownKeys(RequestInput in, ObjectNode json, Set<String> known) {
        if (LOG.isDebugEnabled()) {
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    LOG.debug(
                            "{}: body key '{}' is not one of the API's known keys {} and may be ignored by Proto"
                                    + " (use the API's snake_case names, or @JsonProperty on a POJO)",
                            in.operation(),
                            key,
                            known);
                }
            }
        }
    }

    private static void fill(ObjectNode json, String field, String value) {
        if (value != null && !json.has(field)) {
            json.put(field, value);
        }
    }

    private static boolean hasText(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank();
    }

    private static ProtoValidationException invalid(RequestInput in, String message) {
        return new ProtoValidationException(in.operation(), message);
    }
}
