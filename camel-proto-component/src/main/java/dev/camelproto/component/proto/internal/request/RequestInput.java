package dev.camelproto.component.proto.internal.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Message;

/**
 * What a body mapper reads: the operation name, the message (headers), the body (the message's, or for a step of
 * customer/upsert the part of it that step sends), the endpoint options, the JSON mapper and the mapper that turns a
 * POJO into the API's snake_case names.
 */
public record RequestInput(
        String operation, Message message, Object body, RequestDefaults configuration, JsonMappers mappers) {

    public RequestInput(String operation, Message message, RequestDefaults configuration, JsonMappers mappers) {
        this(operation, message, message.getBody(), configuration, mappers);
    }

    /** The same input with another body. */
    public RequestInput withBody(Object otherBody) {
        return new RequestInput(operation, message, otherBody, configuration, mappers);
    }

    public String text(String header) {
        return HeaderValues.text(operation, message, header);
    }

    public Boolean bool(String header) {
        return HeaderValues.bool(operation, message, header);
    }

    public ObjectMapper objectMapper() {
        return mappers.json();
    }
}
