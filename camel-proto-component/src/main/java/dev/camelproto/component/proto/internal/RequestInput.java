package dev.camelproto.component.proto.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.ProtoConfiguration;
import org.apache.camel.Message;

/**
 * What a body mapper reads: the operation name, the message (body and headers), the endpoint options, the JSON mapper
 * and the mapper that turns a POJO into the API's snake_case names.
 */
public record RequestInput(String operation, Message message, ProtoConfiguration configuration,
                           JsonMappers mappers) {

    public Object body() {
        return message.getBody();
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
