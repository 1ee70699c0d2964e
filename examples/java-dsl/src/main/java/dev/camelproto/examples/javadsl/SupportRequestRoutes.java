package dev.camelproto.examples.javadsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;

/**
 * {@code POST /support-requests} with {@code {"customerId", "name", "email", "message"}}:
 * <ol>
 * <li>upserts the Proto customer whose provided unique id is {@code customerId} ({@code proto:customer/create});</li>
 * <li>opens a ticket for that customer with the message as subject ({@code proto:ticket/create});</li>
 * <li>answers {@code 201 {"ticketId": "..."}}.</li>
 * </ol>
 * A request with a missing field (or that is not a JSON object) is answered {@code 400 {"error": "..."}} before
 * anything is sent to Proto; an error answer of the Proto API (or no answer) becomes {@code 502}.
 */
public class SupportRequestRoutes extends RouteBuilder {

    static final List<String> REQUIRED_FIELDS = List.of("customerId", "name", "email", "message");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configure() {
        onException(InvalidSupportRequestException.class, ProtoValidationException.class)
                .handled(true)
                .to("direct:bad-request");
        onException(JsonProcessingException.class)
                .handled(true)
                .setBody(constant("the request body must be a JSON object"))
                .to("direct:bad-request");
        onException(ProtoApiException.class)
                .handled(true)
                .log("Proto API error: ${exception.message}")
                .setBody(simple("the Proto API answered ${exception.statusCode}"))
                .process(SupportRequestRoutes::errorBody)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(502))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
        onException(IOException.class)
                .handled(true)
                .log("Proto API unreachable: ${exception}")
                .setBody(constant("the Proto API is unreachable"))
                .process(SupportRequestRoutes::errorBody)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(502))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

        from("platform-http:/support-requests?httpMethodRestrict=POST&consumes=application/json")
                .routeId("support-request")
                .removeHeaders("*")
                .unmarshal()
                .json(JsonLibrary.Jackson, Map.class)
                .process(SupportRequestRoutes::validate)
                .setProperty("request", body())
                // 1. upsert the customer; the provided unique id is our own customer id
                .setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, simple("${body[customerId]}"))
                .process(e -> {
                    Map<?, ?> request = e.getMessage().getBody(Map.class);
                    Map<String, Object> customer = new LinkedHashMap<>();
                    customer.put("name", request.get("name"));
                    customer.put("email", request.get("email"));
                    e.getMessage().setBody(customer);
                })
                .to("proto:customer/create")
                .log("Customer ${header.CamelProtoProvidedUniqueId} upserted (Proto id ${header.CamelProtoId})")
                // 2. open a ticket: subject from the header, provided_unique_id from CamelProtoProvidedUniqueId
                .setHeader(ProtoConstants.SUBJECT, simple("${exchangeProperty.request[message]}"))
                .process(e -> e.getMessage().setBody(null)) // ticket/create reads the headers
                .to("proto:ticket/create")
                .log("Ticket ${header.CamelProtoId} created for customer ${header.CamelProtoProvidedUniqueId}")
                // 3. answer 201 {"ticketId": ...}
                .process(e ->
                        e.getMessage().setBody(Map.of("ticketId", e.getMessage().getHeader(ProtoConstants.ID))))
                .marshal()
                .json(JsonLibrary.Jackson)
                .removeHeaders("CamelProto*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

        from("direct:bad-request")
                .routeId("bad-request")
                .process(e -> {
                    Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    if (!(cause instanceof JsonProcessingException)) {
                        e.getMessage().setBody(cause.getMessage());
                    }
                })
                .process(SupportRequestRoutes::errorBody)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }

    /** Rejects a request lacking one of {@link #REQUIRED_FIELDS} (null or blank). */
    static void validate(Exchange exchange) {
        Map<?, ?> request = exchange.getMessage().getBody(Map.class);
        List<String> missing = new ArrayList<>();
        for (String field : REQUIRED_FIELDS) {
            Object value = request == null ? null : request.get(field);
            if (value == null || value.toString().isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidSupportRequestException("missing required field(s): " + String.join(", ", missing));
        }
    }

    /** Turns the text body into the JSON {@code {"error": "<text>"}}. */
    static void errorBody(Exchange exchange) throws Exception {
        String message = exchange.getMessage().getBody(String.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(JSON.writeValueAsString(Map.of("error", message)));
    }
}
