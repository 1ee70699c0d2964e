package dev.camelproto.component.proto.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** customer/upsert takes its tags from the CamelProtoTags header when the body has no tags key (the Kamelet's way). */
class ProtoUpsertTagsHeaderTest extends ProtoTestSupport {

    @Test
    void tagsFromTheHeaderWhenTheBodyHasNone() {
        stub.reply(r -> ProtoApiStub.Reply.json(200, "{\"id\":\"C1\",\"provided_unique_id\":\"p1\"}"));
        Exchange out = send(
                "proto:customer/upsert?createIfNotExists=true",
                "{\"name\":\"Ada\"}",
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "p1", ProtoConstants.TAGS, "vip, beta"));
        assertThat(out.getException()).isNull();
        assertThat(stub.requests()).hasSize(2);
        assertThat(stub.requests().get(0).method()).isEqualTo("PUT");
        assertThat(stub.requests().get(0).path()).isEqualTo(path("/v1/customers/" + TEAMSPACE + "/create-customer/p1"));
        assertThat(stub.requests().get(0).body()).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(stub.requests().get(1).path())
                .isEqualTo(path("/v1/customers/" + TEAMSPACE + "/customer/p1/add-tags"));
        assertThat(stub.requests().get(1).body())
                .isEqualTo("{\"tags\":[\"vip\",\"beta\"],\"create_if_not_exists\":true}");
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("C1");
    }

    @Test
    void theBodyKeyWinsOverTheHeader() {
        stub.reply(200, "{\"id\":\"C1\"}");
        send(
                "proto:customer/upsert",
                Map.of("provided_unique_id", "p1", "tags", List.of("gold")),
                Map.of(ProtoConstants.TAGS, List.of("ignored")));
        assertThat(stub.requests()).hasSize(2);
        assertThat(stub.requests().get(1).body()).isEqualTo("{\"tags\":[\"gold\"],\"create_if_not_exists\":false}");
    }

    @Test
    void aHeaderOfTheWrongTypeIsRejectedBeforeAnyCall() {
        Exchange out =
                send("proto:customer/upsert", Map.of("provided_unique_id", "p1"), Map.of(ProtoConstants.TAGS, 42));
        assertThat(out.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining(ProtoConstants.TAGS);
        assertThat(stub.requests()).isEmpty();
    }
}
