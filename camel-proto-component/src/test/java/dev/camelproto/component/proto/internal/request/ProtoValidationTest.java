package dev.camelproto.component.proto.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every PUBLISHED rule (and every missing input) is rejected locally, naming what to set, with no request sent. */
class ProtoValidationTest extends ProtoTestSupport {

    private ProtoValidationException rejected(String uri, Object body, Map<String, Object> headers) {
        Exchange out = send(uri, body, headers);
        assertThat(out.getException()).isInstanceOf(ProtoValidationException.class);
        assertThat(stub.requests()).as("no request may reach the API").isEmpty();
        return (ProtoValidationException) out.getException();
    }

    @Test
    void ticketNeedsASubject() {
        ProtoValidationException e = rejected("proto:ticket/create", Map.of("customer_id", "C1"), Map.of());
        assertThat(e.getOperation()).isEqualTo("ticket/create");
        assertThat(e).hasMessageContaining("subject").hasMessageContaining(ProtoConstants.SUBJECT);
    }

    @Test
    void ticketNeedsOneOfTheFourIdentifiers() {
        ProtoValidationException e = rejected("proto:ticket/create", Map.of("subject", "Hi"), Map.of());
        assertThat(e)
                .hasMessageContaining("customer_id")
                .hasMessageContaining("external_customer_id")
                .hasMessageContaining("gateway_profile_id")
                .hasMessageContaining("provided_unique_id")
                .hasMessageContaining(ProtoConstants.CUSTOMER_ID);
    }

    @Test
    void blankIdentifierDoesNotCount() {
        rejected("proto:ticket/create", Map.of("subject", "Hi", "customer_id", " "), Map.of());
    }

    @Test
    void ticketBodyMustBeAnObject() {
        ProtoValidationException e = rejected("proto:ticket/create", List.of("a"), Map.of());
        assertThat(e).hasMessageContaining("JSON object");
        rejected("proto:ticket/create", "{not json", Map.of());
        rejected("proto:ticket/create", "plain text", Map.of());
    }

    @Test
    void customerOperationsNeedTheProvidedUniqueId() {
        ProtoValidationException e = rejected("proto:customer/get", null, Map.of());
        assertThat(e).hasMessageContaining(ProtoConstants.PROVIDED_UNIQUE_ID).hasMessageContaining("providedUniqueId");
        rejected("proto:customer/create", Map.of("name", "Ada"), Map.of());
        rejected("proto:customer/addTags", List.of("vip"), Map.of());
        rejected("proto:customer/addCustomFields", Map.of("Plan", "pro"), Map.of());
    }

    @Test
    void deleteNeedsTheCustomFieldId() {
        ProtoValidationException e = rejected("proto:customField/delete", null, Map.of());
        assertThat(e).hasMessageContaining(ProtoConstants.CUSTOM_FIELD_ID).hasMessageContaining("customFieldId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b"})
    void controlCharactersInIdsAreRejected(String id) {
        ProtoValidationException e =
                rejected("proto:customer/get", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, id));
        assertThat(e).hasMessageContaining("CR, LF or NUL");
    }

    @Test
    void emptyTagListIsRejected() {
        Map<String, Object> h = Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c");
        assertThat(rejected("proto:customer/addTags", List.of(), h)).hasMessageContaining("at least one tag");
        rejected("proto:customer/addTags", " , ", h);
        rejected("proto:customer/addTags", "{\"tags\":[]}", h);
        assertThat(rejected("proto:customer/addTags", null, h)).hasMessageContaining("List of tag names");
    }

    @Test
    void everyCustomFieldElementNeedsIdOrName() {
        Map<String, Object> h = Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c");
        ProtoValidationException e = rejected(
                "proto:customer/addCustomFields", List.of(Map.of("id", "F1", "value", 1), Map.of("value", 2)), h);
        assertThat(e).hasMessageContaining("element #2").hasMessageContaining("'id' or a 'name'");
        rejected("proto:customer/addCustomFields", "{\"custom_fields\":[{\"value\":1}]}", h);
        rejected("proto:customer/addCustomFields", Map.of(), h);
        rejected("proto:customer/addCustomFields", null, h);
    }

    @Test
    void selectOptionsIfAndOnlyIfTypeIsSelect() {
        assertThat(rejected("proto:customField/create", Map.of("name", "Plan", "type", "select"), Map.of()))
                .hasMessageContaining("select_options")
                .hasMessageContaining("required when type is select");
        assertThat(rejected(
                        "proto:customField/create",
                        Map.of("name", "Age", "type", "number", "select_options", List.of("1")),
                        Map.of()))
                .hasMessageContaining("only allowed when type is select");
    }

    @Test
    void customFieldNeedsNameAndType() {
        assertThat(rejected("proto:customField/create", Map.of("type", "text"), Map.of()))
                .hasMessageContaining("'name'");
        assertThat(rejected("proto:customField/create", Map.of("name", "X"), Map.of()))
                .hasMessageContaining("'type'");
        rejected("proto:customField/create", null, Map.of());
    }

    @Test
    void unknownOperationHeaderListsTheValidOnes() {
        ProtoValidationException e =
                rejected("proto:customField/list", null, Map.of(ProtoConstants.OPERATION, "customer/delete"));
        assertThat(e)
                .hasMessageContaining("customer/delete")
                .hasMessageContaining(ProtoConstants.OPERATION)
                .hasMessageContaining("ticket/create, customer/get, customer/create, customer/addTags,"
                        + " customer/addCustomFields, customField/list, customField/create, customField/delete");
    }
}
