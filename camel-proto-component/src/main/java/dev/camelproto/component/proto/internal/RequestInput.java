package dev.camelproto.component.proto.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.ProtoConfiguration;
import org.apache.camel.Message;

/** What a body mapper reads: the operation, the message (body and headers), the endpoint options and the mapper. */
public record RequestInput(ProtoOperation operation, Message message, ProtoConfiguration configuration,
                           ObjectMapper objectMapper) {

    public Object body() {
        return message.getBody();
    }

    public <T> T header(String name, Class<T> type) {
        return message.getHeader(name, type);
    }
}
