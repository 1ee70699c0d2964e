package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * Stopping the component fails, at once and with a clear error, the calls that wait for a retry timer or in the
 * teamspace back-off: nothing waits out a Retry-After during shutdown, nothing is sent again, no callback is lost.
 */
class ProtoStopWhileWaitingTest extends ProtoTestSupport {

    @Test
    void callsWaitingForARetryTimerFailAtOnce() throws Exception {
        stub.reply(r -> new ProtoApiStub.Reply(503, "{\"detail\":\"busy\"}", Map.of("Retry-After", "20")));
        assertStopFailsWaitingCalls("proto:customField/list?retryMaxDelay=60s");
    }

    @Test
    void callsQueuedInTheTeamspaceBackOffFailAtOnce() throws Exception {
        stub.reply(r -> new ProtoApiStub.Reply(429, "{\"detail\":\"slow down\"}", Map.of("Retry-After", "20")));
        assertStopFailsWaitingCalls("proto:customField/list?retryMaxDelay=60s");
    }

    private void assertStopFailsWaitingCalls(String uri) throws Exception {
        int calls = 10;
        // the answers wait until every first attempt arrived: a 429 answered before the last call was sent would
        // queue that call in the back-off before it ever reached the server
        stub.hold();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            sent.add(template.asyncSend(uri, e -> {}));
        }
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> stub.requests().size() >= calls);
        stub.open();
        // one bound for both, well inside the 20 s Retry-After: no call may be retried before the stop
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> {
                    assertThat(stub.requests())
                            .as("every first attempt answered")
                            .hasSizeGreaterThanOrEqualTo(calls);
                    // every answer classified: each call now waits 20 s
                    assertThat(proto.getRetries()).as("every answer classified").isGreaterThanOrEqualTo(calls);
                });
        assertThat(proto.getCallsInFlight()).isEqualTo(calls);

        proto.stop();
        for (CompletableFuture<Exchange> f : sent) {
            // the stop answers them at once: well before the 20 s Retry-After (15 s only detects a hang)
            Exchange out = f.get(15, TimeUnit.SECONDS);
            assertThat(out.getException())
                    .isInstanceOf(ProtoTransportException.class)
                    .hasMessageContaining("stopped with this call in flight");
            assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(1);
        }
        assertThat(stub.requests()).as("nothing sent again").hasSize(calls);
        assertThat(proto.getCallsInFlight()).isZero();
    }
}
