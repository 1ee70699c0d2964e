package dev.camelproto.component.proto.testsupport;

import dev.camelproto.component.proto.ProtoConstants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Walks every operation in a safe order against one teamspace and records, for each CONTRACT guess of
 * docs/proto-api.md, what the API answered (status and body shape). It creates a custom field named
 * {@code camel-proto-live-<random>} (deleted at the end, even on failure), a customer
 * {@code camel-proto-live-<random>} (the API has no delete; it stays, tagged and with one value) and one ticket.
 * Run by {@link ProtoLiveIT} against the real API (opt-in) and by {@link LiveContractProbeTest} against the simulator,
 * so it cannot rot.
 */
public final class LiveContractProbe {

    public record Observation(String guess, String call, Object status, String shape) {
        @Override
        public String toString() {
            return String.format("[live] %-62s %-38s HTTP %s  %s", guess, call, status, shape);
        }
    }

    private final ProducerTemplate template;
    private final String baseUrl;
    private final String subcompanyId;
    private final List<Observation> observations = new ArrayList<>();
    public final String suffix = UUID.randomUUID().toString().substring(0, 8);

    public LiveContractProbe(ProducerTemplate template, String baseUrl, String subcompanyId) {
        this.template = template;
        this.baseUrl = baseUrl;
        this.subcompanyId = subcompanyId;
    }

    public List<Observation> run() throws Exception {
        String fieldName = "camel-proto-live-" + suffix;
        String customer = "camel-proto-live-" + suffix;
        String tag = "camel-proto-live-" + suffix;
        String fieldId = null;
        try {
            Exchange list = call(
                    "customField/list returns an unpaginated JSON array", "proto:customField/list", null, Map.of());
            Exchange created = call(
                    "customField/create returns the definition with its id (200 vs 201?)",
                    "proto:customField/create",
                    Map.of("name", fieldName, "type", "text"),
                    Map.of());
            fieldId = created.getMessage().getHeader(ProtoConstants.ID, String.class);
            call(
                    "customField/create of a duplicate name answers 409",
                    "proto:customField/create",
                    Map.of("name", fieldName, "type", "text"),
                    Map.of());
            call(
                    "customField/create select without options: 422 (PUBLISHED rule)",
                    "proto:raw?method=POST" + "&path=/v1/custom-fields/{subcompany_id}/create-custom-field",
                    "{\"name\":\"" + fieldName + "-x\",\"type\":\"select\"}",
                    Map.of());

            Map<String, Object> id = Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, customer);
            call(
                    "customer/create is an upsert: insert answers 200 with the customer",
                    "proto:customer/create",
                    Map.of("name", "camel-proto live check", "email", "live@example.com"),
                    id);
            call(
                    "customer/create again updates; omitted fields stay",
                    "proto:customer/create",
                    Map.of("location", "Live"),
                    id);
            call("customer/get keys incl. avatar and tags; unset fields null", "proto:customer/get", null, id);
            call(
                    "customer/get of an unknown id answers 404",
                    "proto:customer/get",
                    null,
                    Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "camel-proto-no-such-" + suffix));
            call(
                    "addTags of an unknown tag without create_if_not_exists: 404",
                    "proto:customer/addTags",
                    List.of(tag),
                    id);
            call(
                    "addTags {tags: [names], create_if_not_exists} returns the customer",
                    "proto:customer/addTags",
                    List.of(tag),
                    Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, customer, ProtoConstants.CREATE_IF_NOT_EXISTS, true));
            call("addTags of a tag the customer has is a no-op", "proto:customer/addTags", List.of(tag), id);
            call(
                    "addCustomFields {custom_fields:[{name,value}]} returns the values",
                    "proto:customer/addCustomFields",
                    Map.of(fieldName, "live value"),
                    id);
            call(
                    "addCustomFields of an unknown field name answers 404",
                    "proto:customer/addCustomFields",
                    Map.of(fieldName + "-missing", "x"),
                    id);
            call(
                    "ticket/create returns {id} (200 vs 201?)",
                    "proto:ticket/create",
                    Map.of("subject", "camel-proto live check " + suffix, "provided_unique_id", customer),
                    Map.of());
            call(
                    "ticket/create without subject answers 422 with FastAPI detail",
                    "proto:raw?method=POST" + "&path=/v1/conversations/{subcompany_id}/create-ticket",
                    "{\"provided_unique_id\":\"" + customer + "\"}",
                    Map.of());
            noAuthorization();
            if (list.getException() != null) {
                throw list.getException();
            }
        } finally {
            if (fieldId != null) {
                Map<String, Object> field = Map.of(ProtoConstants.CUSTOM_FIELD_ID, fieldId);
                call("customField/delete returns {id, deleted: true}", "proto:customField/delete", null, field);
                call("customField/delete of an unknown id answers 404", "proto:customField/delete", null, field);
            }
        }
        return observations;
    }

    /** The missing-Authorization case needs a request without the header, which the component never sends. */
    private void noAuthorization() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(
                                URI.create(baseUrl + "/v1/custom-fields/" + subcompanyId + "/list-custom-fields"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        observations.add(new Observation(
                "a missing Authorization header answers 422 (or 401/403?)",
                "GET list-custom-fields, no auth",
                response.statusCode(),
                shapeOfText(response.body())));
    }

    private Exchange call(String guess, String uri, Object body, Map<String, Object> headers) {
        Exchange out = template.send(
                uri + (uri.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false" + "&maxRetries=1", e -> {
                    e.getIn().setBody(body);
                    e.getIn().setHeaders(new java.util.HashMap<>(headers));
                });
        Object status = out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE);
        String shape = out.getException() != null
                ? "exception " + out.getException()
                : shapeOf(out.getMessage().getBody());
        observations.add(new Observation(guess, uri.replaceFirst("\\?.*", ""), status, shape));
        return out;
    }

    private static String shapeOfText(String text) {
        return text == null || text.length() <= 200 ? String.valueOf(text) : text.substring(0, 200) + "...";
    }

    /** Keys and value types, not values: enough to confirm a shape, and nothing personal. */
    public static String shapeOf(Object body) {
        if (body instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            map.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "")
                    .append(k)
                    .append(": ")
                    .append(type(v)));
            return sb.append('}').toString();
        }
        if (body instanceof Collection<?> list) {
            return "[" + list.size() + " x "
                    + (list.isEmpty() ? "?" : shapeOf(list.iterator().next())) + "]";
        }
        return type(body);
    }

    private static String type(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
            return shapeOf(v);
        }
        return v.getClass().getSimpleName();
    }
}
