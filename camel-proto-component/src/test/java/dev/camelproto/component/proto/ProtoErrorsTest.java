package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/** Non-2xx responses: typed exception by default, decoded body with throwExceptionOnFailure=false. */
class ProtoErrorsTest extends ProtoTestSupport {

    private static final String NOT_FOUND = "{\"detail\":\"Customer not found\"}";

    @Test
    void notFoundRaisesProtoApiExceptionWithStatusBodyAndOperation() {
        stub.reply(404, NOT_FOUND);
        Exchange out = send("proto:customer/get", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "nobody"));
        assertThat(out.getException())
                .isInstanceOf(ProtoApiException.class)
                .isInstanceOf(HttpOperationFailedException.class);
        ProtoApiException e = (ProtoApiException) out.getException();
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getStatusText()).isEqualTo("Not Found");
        assertThat(e.getResponseBody()).isEqualTo(NOT_FOUND);
        assertThat(e.getOperation()).isEqualTo("customer/get");
        assertThat(e.getUri())
                .isEqualTo(stub.baseUrl() + "/v1/customers/" + TEAMSPACE + "/customer/nobody/get-customer");
        assertThat(e.getMessage()).contains("customer/get").contains("404").contains("Customer not found");
        assertThat(e.getResponseHeaders()).containsKey("Content-Type");
    }

    @Test
    void validationErrorFromTheApiKeepsTheFastApiDetail() {
        String detail =
                "{\"detail\":[{\"loc\":[\"body\",\"subject\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}";
        stub.reply(422, detail);
        Exchange out = send("proto:ticket/create", Map.of("subject", "x", "customer_id", "C"), Map.of());
        ProtoApiException e = (ProtoApiException) out.getException();
        assertThat(e.getStatusCode()).isEqualTo(422);
        assertThat(e.getResponseBody()).isEqualTo(detail);
    }

    @Test
    void serverErrorAndRetryAfter() {
        stub.reply(r -> new ProtoApiStub.Reply(429, "{\"detail\":\"slow down\"}", Map.of("Retry-After", "7")));
        Exchange out = send("proto:customField/list?retryMaxDelay=5s", null, Map.of());
        ProtoApiException e = (ProtoApiException) out.getException();
        assertThat(e.getStatusCode()).isEqualTo(429);
        assertThat(e.getRetryAfter()).hasValue(java.time.Duration.ofSeconds(7));
        assertThat(stub.requests())
                .as("a Retry-After above retryMaxDelay fails at once")
                .hasSize(1);

        stub.reset();
        stub.reply(500, "oops, not json");
        e = (ProtoApiException) send("proto:customField/list", null, Map.of()).getException();
        assertThat(e.getStatusCode()).isEqualTo(500);
        assertThat(stub.requests()).as("500 is never retried").hasSize(1);
        assertThat(e.getResponseBody()).isEqualTo("oops, not json");
        assertThat(e.getRetryAfter()).isEmpty();
    }

    @Test
    void throwExceptionOnFailureFalseGivesTheDecodedErrorAsBody() {
        stub.reply(404, NOT_FOUND);
        Exchange out = send(
                "proto:customer/get?throwExceptionOnFailure=false",
                null,
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "nobody"));
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody()).isEqualTo(Map.of("detail", "Customer not found"));
        assertThat(out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isNull();
    }

    @Test
    void connectionRefusedIsAnIoFailure() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Exchange out = send("proto:customField/list?baseUrl=http://127.0.0.1:" + port, null, Map.of());
        assertThat(out.getException()).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aStoppedComponentFailsTheExchangeInsteadOfThrowing() {
        ProtoEndpoint endpoint = context.getEndpoint("proto:customField/list", ProtoEndpoint.class);
        endpoint.getComponent().stop();
        Exchange out = template.send(endpoint, e -> {});
        assertThat(out.getException())
                .isInstanceOf(ProtoComponentStoppedException.class)
                .hasMessageContaining("not started");
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isNull();
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void responseTimeoutApplies() {
        stub.delay(1500).reply(200, "[]");
        Exchange out = send("proto:customField/list?responseTimeout=200", null, Map.of());
        assertThat(out.getException()).isInstanceOf(java.io.IOException.class).hasMessageContaining("200 MILLISECONDS");
    }
}
