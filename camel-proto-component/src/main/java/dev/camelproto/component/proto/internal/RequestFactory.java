package dev.camelproto.component.proto.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelproto.component.proto.ProtoConfiguration;
import dev.camelproto.component.proto.ProtoValidationException;
import org.apache.camel.Message;

/** Builds the {@link ProtoRequest} of an exchange from the operation table: path parameters first, then the body. */
public final class RequestFactory {

    private RequestFactory() {
    }

    public static ProtoRequest create(ProtoOperation operation, Message message, ProtoConfiguration configuration,
                                      ObjectMapper mapper) {
        String path = expandPath(operation, message, configuration);
        byte[] body = null;
        if (operation.hasBody()) {
            ObjectNode json = operation.bodyMapper().map(new RequestInput(operation, message, configuration, mapper));
            try {
                body = mapper.writeValueAsBytes(json);
            } catch (JsonProcessingException e) {
                throw new ProtoValidationException(operation.uriName(), "the body cannot be written as JSON: "
                                                                        + e.getOriginalMessage());
            }
        }
        return new ProtoRequest(operation, operation.method(), path, body);
    }

    static String expandPath(ProtoOperation operation, Message message, ProtoConfiguration configuration) {
        String path = operation.pathTemplate();
        for (PathParameter parameter : operation.pathParameters()) {
            String value = parameter.resolve(message, configuration);
            if (value == null || value.isBlank()) {
                throw new ProtoValidationException(operation.uriName(),
                        parameter.meaning() + " is required: set " + parameter.howToSet());
            }
            if (PathSegments.hasForbiddenControl(value)) {
                throw new ProtoValidationException(operation.uriName(),
                        parameter.meaning() + " must not contain CR, LF or NUL characters (check "
                                                                        + parameter.howToSet() + ")");
            }
            path = path.replace("{" + parameter.placeholder() + "}", PathSegments.encode(value));
        }
        return path;
    }
}
