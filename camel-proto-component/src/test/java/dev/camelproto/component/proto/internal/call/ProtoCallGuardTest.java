package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.retry.RetryPolicy;
import dev.camelproto.component.proto.internal.metrics.ProtoMetrics;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.http.Header;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** No exception leaves ProtoCall's HttpClient callbacks (they run on I/O threads): the call finishes with it. */
class ProtoCallGuardTest {

    private final List<CallResult> results = new CopyOnWriteArrayList<>();

    private ProtoCall call(String method) {
        ProtoApi api = new ProtoApi(() -> null, "http://127.0.0.1:1/api", "T", ProtoHttpClient.authorization("s"),
                new ProtoApi.Timeouts(1000, 1000, 1000, 10_000), 1024, 10, new RetryPolicy(3, 10, 1000, false),
                new ProtoMetrics());
        return new ProtoCall(api, new ProtoRequest("customField/list", method, "/x", null, null), "u", "/x", api.newDeadline(),
                results::add);
    }

    @Test
    void anUnexpectedErrorReadingTheAnswerFinishesTheCall() {
        ProtoCall call = call("GET");
        SimpleHttpResponse hostile = new SimpleHttpResponse(503);
        hostile.setHeader(new Header() {
            @Override
            public boolean isSensitive() {
                return false;
            }

            @Override
            public String getName() {
                return "Retry-After";
            }

            @Override
            public String getValue() {
                throw new IllegalStateException("boom");
            }
        });
        assertThatCode(() -> call.completed(hostile)).doesNotThrowAnyException();
        assertThat(results).singleElement().satisfies(r -> assertThat(r.failure()).hasMessage("boom"));
        assertThat(call.isFinished()).isTrue();
        call.completed(new SimpleHttpResponse(200)); // a late callback changes nothing
        assertThat(results).hasSize(1);
    }

    @Test
    void anUnexpectedErrorClassifyingAFailureFinishesTheCall() {
        ProtoCall call = call("POST");
        Exception hostile = new java.io.IOException("reset") {
            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("bad cause");
            }
        };
        assertThatCode(() -> call.failed(hostile)).doesNotThrowAnyException();
        assertThat(results).singleElement().satisfies(r -> assertThat(r.failure()).hasMessage("bad cause"));
    }

    @Test
    void cancelledFinishesOnce() {
        ProtoCall call = call("GET");
        assertThatCode(call::cancelled).doesNotThrowAnyException();
        assertThatCode(call::cancelled).doesNotThrowAnyException();
        assertThat(results).hasSize(1);
    }
}
