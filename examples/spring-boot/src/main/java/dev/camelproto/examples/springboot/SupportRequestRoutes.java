package dev.camelproto.examples.springboot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.ProtoConstants;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.springframework.stereotype.Component;

/**
 * {@code POST /support-requests} (Camel REST DSL on platform-http, i.e. on Spring Boot's web server):
 * {@code proto:customer/create} (upsert by the caller's customer id) then {@code proto:ticket/create}, answering
 * {@code 201 {"ticketId": "..."}}; a bad request (including a {@code ProtoValidationException}, which is an
 * {@link IllegalArgumentException}) answers {@code 400 {"error": "..."}} before any call to Proto.
 */
@Component
public class SupportRequestRoutes extends RouteBuilder {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void configure() {
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off);

        onException(IllegalArgumentException.class, JsonProcessingException.class)
                .handled(true)
                .process(this::badRequest);

        rest("/support-requests")
                .post()
                .consumes("application/json")
                .produces("application/json")
                .to("direct:support-request");

        from("direct:support-request")
                .routeId("support-request")
                .process(e -> {
                    SupportRequest request = json.readValue(e.getMessage().getBody(String.class), SupportRequest.class)
                            .validate();
                    e.setProperty("supportRequest", request);
                    Map<String, Object> customer = new LinkedHashMap<>();
                    if (request.name() != null) {
                        customer.put("name", request.name());
                    }
                    if (request.email() != null) {
                        customer.put("email", request.email());
                    }
                    e.getMessage().setBody(customer);
                    e.getMessage().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, request.customerId());
                })
                .to("proto:customer/create")
                .process(e -> {
                    SupportRequest request = e.getProperty("supportRequest", SupportRequest.class);
                    // provided_unique_id comes from the CamelProtoProvidedUniqueId header set above
                    e.getMessage().setHeader(ProtoConstants.SUBJECT, request.message());
                    e.getMessage().setBody(null);
                })
                .to("proto:ticket/create")
                .log("Ticket ${header.CamelProtoId} created for customer ${header.CamelProtoProvidedUniqueId}")
                .process(e -> respond(e, 201, Map.of("ticketId", e.getMessage().getHeader(ProtoConstants.ID))));
    }

    private void badRequest(Exchange e) throws JsonProcessingException {
        Throwable cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String message = cause instanceof JsonProcessingException jpe
                ? "the body is not valid JSON: " + jpe.getOriginalMessage()
                : cause.getMessage();
        respond(e, 400, Map.of("error", message));
    }

    private void respond(Exchange e, int status, Map<String, Object> body) throws JsonProcessingException {
        e.getMessage().getHeaders().clear();
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setBody(json.writeValueAsString(body));
    }
}
