package dev.camelproto.component.proto.internal.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Message;

/**
 * customer/upsert: the calls one CRM-sync body needs, in order. From {@code {"provided_unique_id": ..., <customer
 * fields>, "tags": [...], "custom_fields": {"Plan": "pro"}}} it plans customer/create (always: it makes sure the
 * customer exists and gives its id), then customer/addTags when there are tags, then customer/addCustomFields (by
 * field name) when there are values. All three are PUTs, so the whole upsert can be sent again safely. Each step is
 * built by {@link RequestFactory} with the body rules of its own operation ({@link RequestBodies}): a value reads the
 * same in the upsert as in customer/addTags or customer/addCustomFields. {@link UpsertCall} sends the steps.
 */
public record UpsertPlan(String providedUniqueId, List<Step> steps) {

    /** One call of the plan. */
    public record Step(String operation, ProtoRequest request) {}

    static final String NAME = ProtoOperation.CUSTOMER_UPSERT.uriName();

    public static UpsertPlan of(Message message, RequestDefaults configuration, JsonMappers mappers) {
        RequestInput in = new RequestInput(NAME, message, configuration, mappers);
        ObjectNode json = RequestBodies.object(in, in.body(), true).deepCopy();
        String id = json.hasNonNull("provided_unique_id")
                ? json.get("provided_unique_id").asText()
                : PathParameter.PROVIDED_UNIQUE_ID.resolve(NAME, message, configuration);
        if (id == null || id.isEmpty()) {
            throw new ProtoValidationException(
                    NAME,
                    "the customer's provided unique id is required: set the body"
                            + " field provided_unique_id, the header "
                            + ProtoConstants.PROVIDED_UNIQUE_ID
                            + " or the endpoint option providedUniqueId");
        }
        RequestFactory.checkPathValue(
                NAME,
                "the customer's provided unique id",
                id,
                () -> "the body field provided_unique_id or the header " + ProtoConstants.PROVIDED_UNIQUE_ID);
        json.remove("provided_unique_id");
        JsonNode tags = json.remove("tags");
        Object tagValue = tags == null || tags.isNull() ? HeaderValues.names(NAME, message, ProtoConstants.TAGS) : tags;
        JsonNode fields = json.remove("custom_fields");
        JsonNode createFlag = json.remove("create_if_not_exists");

        List<Step> steps = new ArrayList<>();
        steps.add(step(ProtoOperation.CUSTOMER_CREATE, configuration, id, RequestBodies::customer, in.withBody(json)));
        ArrayNode names = tagValue == null ? null : RequestBodies.tagNames(in, tagValue);
        if (names != null && !names.isEmpty()) {
            steps.add(step(
                    ProtoOperation.CUSTOMER_ADD_TAGS,
                    configuration,
                    id,
                    i -> RequestBodies.tagsBody(i, names, createFlag),
                    in));
        }
        if (fields != null && !fields.isNull() && !(fields.isContainerNode() && fields.isEmpty())) {
            steps.add(step(
                    ProtoOperation.CUSTOMER_ADD_CUSTOM_FIELDS,
                    configuration,
                    id,
                    i -> RequestBodies.customFieldsBody(i, fields, "'custom_fields'"),
                    in));
        }
        return new UpsertPlan(id, List.copyOf(steps));
    }

    private static Step step(
            ProtoOperation operation,
            RequestDefaults configuration,
            String id,
            RequestBodyMapper bodyRule,
            RequestInput in) {
        ProtoRequest request = RequestFactory.request(
                operation,
                NAME + " (" + operation.uriName() + ")",
                p -> p == PathParameter.SUBCOMPANY_ID ? configuration.subcompanyId() : id,
                bodyRule,
                in);
        return new Step(operation.uriName(), request);
    }
}
