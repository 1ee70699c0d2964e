package dev.camelproto.component.proto.internal.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.camelproto.component.proto.ProtoValidationException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/**
 * The component's JSON mappers: the user's (or a default) {@link ObjectMapper} for JSON text, Maps and responses, and
 * a copy of it that writes a POJO's camelCase properties under the API's snake_case names ({@code phoneNumber} becomes
 * {@code phone_number}); an explicit {@code @JsonProperty} still wins.
 */
public record JsonMappers(ObjectMapper json, ObjectMapper pojo) {

    public static JsonMappers of(ObjectMapper json) {
        return new JsonMappers(json, json.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /**
     * A Map, List or JsonNode as it is; any other object (a POJO) with snake_case property names. A value Jackson
     * cannot serialise, or Maps/Lists nested deeper than the mapper's {@code maxNestingDepth} (also a Map that
     * contains itself), is a validation error of {@code operation}: {@code valueToTree} does not enforce the write
     * constraints, so without the check such a body ended in a StackOverflowError.
     */
    public JsonNode toTree(String operation, Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        checkDepth(operation, value);
        try {
            if (value instanceof Map<?, ?>
                    || value instanceof Collection<?>
                    || value instanceof Object[]
                    || value instanceof CharSequence
                    || value instanceof Number
                    || value instanceof Boolean) {
                return json.valueToTree(value);
            }
            return pojo.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new ProtoValidationException(operation, "the body cannot be written as JSON: " + e.getMessage());
        }
    }

    private void checkDepth(String operation, Object value) {
        int max = json.getFactory().streamWriteConstraints().getMaxNestingDepth();
        Deque<Object[]> pending = new ArrayDeque<>();
        pending.push(new Object[] {value, 1});
        while (!pending.isEmpty()) {
            Object[] entry = pending.pop();
            int depth = (Integer) entry[1];
            Iterable<?> children = entry[0] instanceof Map<?, ?> map
                    ? map.values()
                    : entry[0] instanceof Collection<?> c
                            ? c
                            : entry[0] instanceof Object[] array ? java.util.Arrays.asList(array) : null;
            if (children == null) {
                continue;
            }
            if (depth > max) {
                throw new ProtoValidationException(
                        operation,
                        "the body is nested too deeply: more than " + max
                                + " levels of Maps/Lists (maximum nesting depth of"
                                + " the ObjectMapper), or a Map/List that contains"
                                + " itself");
            }
            for (Object child : children) {
                if (child instanceof Map<?, ?> || child instanceof Collection<?> || child instanceof Object[]) {
                    pending.push(new Object[] {child, depth + 1});
                }
            }
        }
    }
}
