package dev.camelproto.component.proto.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelproto.component.proto.ProtoConfiguration;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import org.apache.camel.Message;

/**
 * customer/upsert: the calls one CRM-sync body needs, in order. From {@code {"provided_unique_id": ..., <customer
 * fields>, "tags": [...], "custom_fields": {"Plan": "pro"}}} it plans customer/create (always: it makes sure the
 * customer exists and gives its id), then customer/addTags when there are tags, then customer/addCustomFields (by
 * field name) when there are values. All three are PUTs, so the whole upsert can be sent again safely.
 */
public record UpsertPlan(String providedUniqueId, List<Step> steps) {

    /** One call of the plan. */
    public record Step(String operation, ProtoRequest request) {
    }

    static final String NAME = ProtoOperation.CUSTOMER_UPSERT.uriName();

    public static UpsertPlan of(Message message, ProtoConfiguration configuration, JsonMappers mappers) {
        Object body = message.getBody();
        ObjectNode json;
        if (body == null) {
            json = mappers.json().createObjectNode();
        } else {
            JsonNode tree;
            try {
                tree = body instanceof CharSequence text ? mappers.json().readTree(text.toString())
                        : body instanceof byte[] bytes ? mappers.json().readTree(bytes)
                        : body instanceof java.io.InputStream stream ? mappers.json().readTree(stream)
                        : mappers.toTree(NAME, body);
            } catch (ProtoValidationException e) {
                throw e;
            } catch (Exception e) {
                throw new ProtoValidationException(NAME, "the body is not valid JSON: " + e.getMessage());
            }
            if (tree == null || !tree.isObject()) {
                throw new ProtoValidationException(NAME, "the body must be a JSON object, a Map or a POJO with the"
                                                         + " customer fields, tags and custom_fields");
            }
            json = ((ObjectNode) tree).deepCopy();
        }
        String id = json.hasNonNull("provided_unique_id") ? json.get("provided_unique_id").asText()
                : PathParameter.PROVIDED_UNIQUE_ID.resolve(NAME, message, configuration);
        if (id == null || id.isBlank()) {
            throw new ProtoValidationException(NAME, "the customer's provided unique id is required: set the body"
                                                     + " field provided_unique_id, the header "
                                                     + ProtoConstants.PROVIDED_UNIQUE_ID
                                                     + " or the endpoint option providedUniqueId");
        }
        RequestFactory.checkPathValue(NAME, "the customer's provided unique id", id,
                () -> "the body field provided_unique_id or the header " + ProtoConstants.PROVIDED_UNIQUE_ID);
        json.remove("provided_unique_id");
        JsonNode tags = json.remove("tags");
        if (tags == null || tags.isNull()) {
            List<String> fromHeader = HeaderValues.names(NAME, message, ProtoConstants.TAGS);
            tags = fromHeader == null ? null : mappers.json().valueToTree(fromHeader);
        }
        JsonNode fields = json.remove("custom_fields");
        JsonNode createFlag = json.remove("create_if_not_exists");

        List<Step> steps = new ArrayList<>();
        steps.add(step(ProtoOperation.CUSTOMER_CREATE, configuration, id, json, mappers));
        ArrayNode tagList = tagList(tags, mappers);
        if (tagList != null && !tagList.isEmpty()) {
            ObjectNode tagBody = mappers.json().createObjectNode();
            tagBody.set("tags", tagList);
            if (createFlag != null && !createFlag.isNull()) {
                tagBody.set("create_if_not_exists", createFlag);
            } else {
                Boolean header = HeaderValues.bool(NAME, message, ProtoConstants.CREATE_IF_NOT_EXISTS);
                tagBody.put("create_if_not_exists", header != null ? header : configuration.isCreateIfNotExists());
            }
            steps.add(step(ProtoOperation.CUSTOMER_ADD_TAGS, configuration, id, tagBody, mappers));
        }
        ArrayNode values = fieldValues(fields, mappers);
        if (values != null && !values.isEmpty()) {
            ObjectNode fieldBody = mappers.json().createObjectNode();
            fieldBody.set("custom_fields", values);
            steps.add(step(ProtoOperation.CUSTOMER_ADD_CUSTOM_FIELDS, configuration, id, fieldBody, mappers));
        }
        return new UpsertPlan(id, List.copyOf(steps));
    }

    private static ArrayNode tagList(JsonNode tags, JsonMappers mappers) {
        if (tags == null || tags.isNull()) {
            return null;
        }
        ArrayNode list = mappers.json().createArrayNode();
        if (tags.isTextual()) {
            for (String tag : tags.asText().split(",")) {
                if (!tag.isBlank()) {
                    list.add(tag.trim());
                }
            }
        } else if (tags.isArray()) {
            for (JsonNode tag : tags) {
                if (!tag.isTextual() || tag.asText().isBlank()) {
                    throw new ProtoValidationException(NAME, "every element of 'tags' must be a non-empty tag name");
                }
                list.add(tag.asText());
            }
        } else {
            throw new ProtoValidationException(NAME, "'tags' must be a list of tag names or a comma-separated text");
        }
        return list;
    }

    private static ArrayNode fieldValues(JsonNode fields, JsonMappers mappers) {
        if (fields == null || fields.isNull()) {
            return null;
        }
        if (fields.isArray()) {
            for (JsonNode element : fields) {
                if (!element.isObject() || !(element.hasNonNull("id") || element.hasNonNull("name"))) {
                    throw new ProtoValidationException(NAME, "every element of 'custom_fields' needs an 'id' or a"
                                                             + " 'name'");
                }
            }
            return (ArrayNode) fields;
        }
        if (!fields.isObject()) {
            throw new ProtoValidationException(NAME, "'custom_fields' must be a map of field name to value or a list"
                                                     + " of {id|name, value}");
        }
        ArrayNode list = mappers.json().createArrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            list.addObject().put("name", e.getKey()).set("value", e.getValue());
        }
        return list;
    }

    private static Step step(ProtoOperation operation, ProtoConfiguration configuration, String id, ObjectNode body,
                             JsonMappers mappers) {
        String path = RequestFactory.path(operation,
                p -> p == PathParameter.SUBCOMPANY_ID ? configuration.getSubcompanyId() : id);
        byte[] bytes;
        try {
            bytes = mappers.json().writeValueAsBytes(body);
        } catch (Exception e) {
            throw new ProtoValidationException(NAME, "the body cannot be written as JSON: " + e.getMessage());
        }
        return new Step(operation.uriName(), new ProtoRequest(NAME + " (" + operation.uriName() + ")", operation.method(),
                path, bytes, id));
    }

}
