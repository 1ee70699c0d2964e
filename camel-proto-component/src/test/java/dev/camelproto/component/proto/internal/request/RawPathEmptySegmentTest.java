package dev.camelproto.component.proto.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * A {@code proto:raw} path with an empty segment, or a segment that is empty, {@code .} or {@code ..} once its
 * {@code ;} parameters are removed, is refused with a {@link ProtoValidationException} naming where the path came
 * from, and nothing is sent: some parsers read a leading {@code //host} as an authority, some collapse {@code //}
 * (moving the segments the server routes by), and some servers strip {@code ;...} before resolving dot-segments, so
 * {@code /..;/} climbs like {@code /../}.
 */
class RawPathEmptySegmentTest extends ProtoTestSupport {

    private static final String[] REFUSED = {
        "//evil.example/v1/things",
        "/v1//things",
        "/v1/things/",
        "/",
        "/v1/;/things",
        "/v1/;x=1/things",
        "/v1/..;/things",
        "/v1/.;jsessionid=1/things",
        "/v1/%2e%2e;/things",
        "/v1/{subcompany_id}//list",
    };

    @Test
    void aPathWithAnEmptyOrParameterOnlyOrDotSegmentIsRefusedAndNothingIsSent() {
        for (String path : REFUSED) {
            Exchange out = send("proto:raw?method=GET", null, Map.of(ProtoConstants.PATH, path));
            assertThat(out.getException())
                    .as(path)
                    .isInstanceOf(ProtoValidationException.class)
                    .hasMessageContaining("the header " + ProtoConstants.PATH)
                    .hasMessageContaining("segment");
        }
        assertThat(stub.requests()).as("nothing sent").isEmpty();
    }

    @Test
    void theEndpointOptionPathFollowsTheSameRule() {
        Exchange out = send("proto:raw?method=GET&path=//evil.example/x", null, Map.of());
        assertThat(out.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining("the endpoint option path")
                .hasMessageContaining("segment");
        assertThat(stub.requests()).as("nothing sent").isEmpty();
    }

    @Test
    void aParameterOnANamedSegmentIsSentAsWritten() {
        Exchange out = send("proto:raw?method=GET", null, Map.of(ProtoConstants.PATH, "/v1/things;v=1/list"));
        assertThat(out.getException()).isNull();
        assertThat(stub.lastRequest().path()).isEqualTo(path("/v1/things;v=1/list"));
    }

    @Test
    void aPlaceholderValueOfASemicolonIsAnIdEncodedIntoItsSegment() {
        Exchange out = send(
                "proto:raw?method=GET",
                null,
                Map.of(ProtoConstants.PATH, "/v1/things/{id}", ProtoConstants.PATH_PARAMS, Map.of("id", "..;")));
        assertThat(out.getException()).isNull();
        assertThat(stub.lastRequest().path()).isEqualTo(path("/v1/things/..%3B"));
    }
}
