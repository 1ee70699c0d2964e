package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.internal.request.ProtoOperation;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

/** Endpoint creation fails fast with a useful message; the generated catalog documents everything. */
public class ProtoComponentConfigurationTest {

    public static JsonNode catalog() throws Exception {
        try (InputStream in =
                ProtoComponent.class.getResourceAsStream("/META-INF/dev/camelproto/component/proto/proto.json")) {
            assertThat(in).as("generated catalog JSON on the classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static CamelContext context(String subcompanyId, String secret) {
        CamelContext context = new DefaultCamelContext();
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        proto.getConfiguration().setSubcompanyId(subcompanyId);
        proto.getConfiguration().setTakeoverSecret(secret);
        return context;
    }

    @Test
    void componentIsDiscoveredFromItsScheme() {
        CamelContext context = new DefaultCamelContext();
        assertThat(context.getComponent("proto")).isInstanceOf(ProtoComponent.class);
    }

    @Test
    void unknownOperationFailsAtEndpointCreationListingTheValidOnes() {
        CamelContext context = context("T", "S");
        assertThatThrownBy(() -> context.getEndpoint("proto:customer/delete"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause()
                .hasMessageContaining("Unknown Proto operation 'customer/delete'")
                .hasMessageContaining("ticket/create, customer/get, customer/create, customer/addTags,"
                        + " customer/addCustomFields, customField/list, customField/create,"
                        + " customField/delete");
    }

    @Test
    void missingSubcompanyIdOrSecretFailsFastNamingTheOption() {
        assertThatThrownBy(() -> context(null, "S").getEndpoint("proto:customField/list"))
                .rootCause()
                .hasMessageContaining("subcompanyId");
        assertThatThrownBy(() -> context("T", null).getEndpoint("proto:customField/list"))
                .rootCause()
                .hasMessageContaining("takeoverSecret");
        assertThatThrownBy(() -> context("T", "S").getEndpoint("proto:customField/list?baseUrl=ftp://x"))
                .rootCause()
                .hasMessageContaining("baseUrl");
        // an endpoint may supply what the component lacks
        assertThat(context(null, null).getEndpoint("proto:customField/list?subcompanyId=T&takeoverSecret=S"))
                .isInstanceOf(ProtoEndpoint.class);
    }

    @Test
    void componentOptionsBindByNameThroughTheGeneratedConfigurer() {
        CamelContext context = new DefaultCamelContext();
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        PropertyBindingSupport.build()
                .withReflection(false)
                .bind(
                        context,
                        proto,
                        new java.util.HashMap<>(Map.of(
                                "subcompanyId",
                                "T1",
                                "takeoverSecret",
                                "S1",
                                "baseUrl",
                                "http://localhost:1/x",
                                "responseTimeout",
                                "5s",
                                "maxConnections",
                                "8",
                                "createIfNotExists",
                                "true")));
        assertThat(proto.getConfiguration().getSubcompanyId()).isEqualTo("T1");
        assertThat(proto.getConfiguration().getTakeoverSecret()).isEqualTo("S1");
        assertThat(proto.getConfiguration().getResponseTimeout()).isEqualTo(5000);
        assertThat(proto.getMaxConnections()).isEqualTo(8);
        ProtoEndpoint endpoint =
                context.getEndpoint("proto:customer/addTags?createIfNotExists=false", ProtoEndpoint.class);
        assertThat(endpoint.getConfiguration().isCreateIfNotExists()).isFalse();
        assertThat(proto.getConfiguration().isCreateIfNotExists())
                .as("endpoint copy leaves the component alone")
                .isTrue();
        assertThat(endpoint.getConfiguration().getBaseUrl()).isEqualTo("http://localhost:1/x");
        assertThat(endpoint.getServiceUrl()).isEqualTo("http://localhost:1/x");
    }

    @Test
    void catalogListsEveryOperationAsThePathEnum() throws Exception {
        JsonNode path = catalog().at("/properties/operation");
        List<String> enums = new ArrayList<>();
        path.get("enum").forEach(n -> enums.add(n.asText()));
        assertThat(enums)
                .containsExactlyElementsOf(Arrays.stream(ProtoOperation.values())
                        .map(ProtoOperation::uriName)
                        .toList());
        assertThat(enums)
                .containsExactly(
                        "ticket/create",
                        "customer/get",
                        "customer/create",
                        "customer/addTags",
                        "customer/addCustomFields",
                        "customField/list",
                        "customField/create",
                        "customField/delete",
                        "customer/upsert",
                        "raw");
        assertThat(path.get("required").asBoolean()).isTrue();
        assertThat(catalog().at("/component/async").asBoolean())
                .as("the producer is asynchronous")
                .isTrue();
        assertThat(catalog().at("/component/producerOnly").asBoolean()).isTrue();
    }

    @Test
    void catalogDescribesEveryOptionAndHeaderAndMarksTheSecret() throws Exception {
        JsonNode json = catalog();
        for (String block : List.of("componentProperties", "properties", "headers")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = json.get(block).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertThat(e.getValue().path("description").asText())
                        .as(block + "." + e.getKey())
                        .isNotBlank();
            }
        }
        assertThat(json.at("/componentProperties/takeoverSecret/secret").asBoolean())
                .isTrue();
        assertThat(json.at("/properties/takeoverSecret/secret").asBoolean()).isTrue();
        assertThat(json.at("/properties/takeoverSecret/label").asText()).isEqualTo("security");
        // required on the component (fail-fast at endpoint creation), not on the endpoint: catalog validation of
        // documented URIs such as proto:ticket/create must not report a missing option
        assertThat(json.at("/componentProperties/subcompanyId/required").asBoolean())
                .isTrue();
        assertThat(json.at("/componentProperties/takeoverSecret/required").asBoolean())
                .isTrue();
        assertThat(json.at("/properties/subcompanyId/required").asBoolean()).isFalse();
        assertThat(json.at("/properties/takeoverSecret/required").asBoolean()).isFalse();
        List<String> headers = new ArrayList<>();
        json.get("headers").fieldNames().forEachRemaining(headers::add);
        assertThat(headers)
                .containsExactlyInAnyOrder(
                        "CamelProtoOperation",
                        "CamelProtoProvidedUniqueId",
                        "CamelProtoCustomFieldId",
                        "CamelProtoCreateIfNotExists",
                        "CamelProtoSubject",
                        "CamelProtoCustomerId",
                        "CamelProtoExternalCustomerId",
                        "CamelProtoGatewayProfileId",
                        "CamelHttpResponseCode",
                        "CamelProtoId",
                        "CamelProtoAttempts",
                        "CamelProtoHttpMethod",
                        "CamelProtoPath",
                        "CamelProtoPathParams",
                        "CamelProtoQuery",
                        "CamelProtoTags",
                        "CamelProtoDuplicate",
                        "CamelProtoIdempotentKey",
                        "CamelProtoResendUncertain",
                        "CamelProtoMarkCreated");
        // only takeoverSecret is secret, and the URI factory knows it (Camel tooling masks from this list)
        assertThat(new ProtoEndpointUriFactory().secretPropertyNames()).containsExactly("takeoverSecret");
    }
}
