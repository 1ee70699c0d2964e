package dev.camelproto.component.proto.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * A path value (an id put into a path segment) that cannot be sent as written is refused with a
 * {@link ProtoValidationException} naming where it came from and what is wrong with it, and nothing is sent: a lone
 * UTF-16 surrogate has no UTF-8 form (sent as {@code ?}, different ids would meet on one customer), and a value that
 * is set but only whitespace (such as U+2028) is not "missing".
 */
class PathValueTest extends ProtoTestSupport {

    @Test
    void aLoneSurrogateInAnIdIsRefusedAsNotValidUnicode() {
        for (String id : new String[] {"\uD800", "a\uDC00b", "x\uD83D"}) {
            Exchange out =
                    send("proto:customer/create", Map.of("name", "Ada"), Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, id));
            assertThat(out.getException())
                    .as(ProtoRawPathPropertyTest.escaped(id))
                    .isInstanceOf(ProtoValidationException.class)
                    .hasMessageContaining(ProtoConstants.PROVIDED_UNIQUE_ID)
                    .hasMessageContaining("not valid Unicode");
        }
        assertThat(stub.requests()).as("nothing sent").isEmpty();
    }

    @Test
    void aLoneSurrogateInAnUpsertIdIsRefusedAsNotValidUnicode() {
        Exchange out = send("proto:customer/upsert", Map.of("provided_unique_id", "\uD800", "name", "Ada"), Map.of());
        assertThat(out.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining("provided_unique_id")
                .hasMessageContaining("not valid Unicode");
        assertThat(stub.requests()).as("nothing sent").isEmpty();
    }

    @Test
    void aLoneSurrogateInARawPathParameterIsRefusedAsNotValidUnicode() {
        Exchange out = send(
                "proto:raw?method=GET",
                null,
                Map.of(
                        ProtoConstants.PATH,
                        "/v1/things/{thing}",
                        ProtoConstants.PATH_PARAMS,
                        Map.of("thing", "\uDBFF")));
        assertThat(out.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining(ProtoConstants.PATH_PARAMS)
                .hasMessageContaining("not valid Unicode");
        assertThat(stub.requests()).as("nothing sent").isEmpty();
    }

    @Test
    void anIdThatIsSetButOnlyWhitespaceIsNotReportedAsMissing() {
        for (String id : new String[] {"\u2028", " ", "\t\u2029"}) {
            Exchange out = send("proto:customer/get", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, id));
            assertThat(out.getException())
                    .as(ProtoRawPathPropertyTest.escaped(id))
                    .isInstanceOf(ProtoValidationException.class)
                    .hasMessageContaining(ProtoConstants.PROVIDED_UNIQUE_ID)
                    .hasMessageContaining("whitespace")
                    .hasMessageNotContaining("is required");
        }
        assertThat(stub.requests()).as("nothing sent").isEmpty();
    }

    @Test
    void aMissingIdIsStillReportedAsRequired() {
        Exchange out = send("proto:customer/get", null, Map.of());
        assertThat(out.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining("is required")
                .hasMessageContaining(ProtoConstants.PROVIDED_UNIQUE_ID);
    }

    @Test
    void anIdWithAValidSurrogatePairOrALineSeparatorInsideIsSentEncoded() {
        Exchange out =
                send("proto:customer/get", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "a\uD83D\uDE00\u2028b"));
        assertThat(out.getException()).isNull();
        assertThat(stub.lastRequest().path())
                .isEqualTo(path("/v1/customers/" + TEAMSPACE + "/customer/a%F0%9F%98%80%E2%80%A8b/get-customer"));
    }
}
