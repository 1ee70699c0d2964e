package dev.camelproto.component.proto.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The component's JSON mappers: the user's (or a default) {@link ObjectMapper} for JSON text, Maps and responses, and
 * a copy of it that writes a POJO's camelCase properties under the API's snake_case names ({@code phoneNumber} becomes
 * {@code phone_number}); an explicit {@code @JsonProperty} still wins.
 */
public record JsonMappers(ObjectMapper json, ObjectMapper pojo) {

    public static JsonMappers of(ObjectMapper json) {
        return new JsonMappers(json, json.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /** A Map, List or JsonNode as it is; any other object (a POJO) with snake_case property names. */
    public JsonNode toTree(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof java.util.Map<?, ?> || value instanceof java.util.Collection<?>
            || value instanceof Object[] || value instanceof CharSequence || value instanceof Number
            || value instanceof Boolean) {
            return json.valueToTree(value);
        }
        return pojo.valueToTree(value);
    }
}
