package dev.camelproto.component.proto.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proto.* Micrometer meters, with a MeterRegistry in the Camel registry, against the recording stub. */
class ProtoMicrometerTest extends ProtoTestSupport {

    private static final List<String> OUTCOMES = List.of("success", "client_error", "server_error", "transport_error");

    private SimpleMeterRegistry meters;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        meters = new SimpleMeterRegistry();
        context.getRegistry().bind("meters", meters);
        return context;
    }

    @AfterEach
    void noTagCarriesTheTeamspaceOrTheSecret() {
        assertThat(meters.getMeters()).as("the component registered meters").isNotEmpty();
        for (Meter meter : meters.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue())
                        .as(meter.getId().toString())
                        .doesNotContain(TEAMSPACE)
                        .doesNotContain(SECRET)
                        .doesNotContain("127.0.0.1");
            }
            assertThat(meter.getId().toString()).doesNotContain(TEAMSPACE).doesNotContain(SECRET);
        }
    }

    /**
     * The meters are told of a finished call after its callback was handed over (an observer never stands between a
     * call's end and its answer), so a test reads them once they have seen every call the component finished.
     */
    @Override
    public Exchange send(String uri, Object body, Map<String, Object> headers) {
        Exchange out = super.send(uri, body, headers);
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        await("the meters observed every finished call")
                .atMost(Duration.ofSeconds(10))
                .until(() -> meters.find("proto.calls").counters().stream()
                                .mapToDouble(Counter::count)
                                .sum()
                        >= proto.getCallsSucceeded() + proto.getCallsFailed());
        return out;
    }

    @Test
    void successesAreCountedAndTimedOncePerCall() {
        stub.reply(200, "[]");
        send("proto:customField/list", null, Map.of());
        send("proto:customField/list", null, Map.of());

        assertCalls("customField/list", 2, 0, 0, 0);
        Timer timer = timer("customField/list", "success");
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(retries("customField/list")).isZero();
        assertThat(meters.get("proto.rate_limit.pauses").counter().count()).isZero();
        assertThat(inFlight()).isZero();
        assertThat(meters.find("proto.calls").counters())
                .as("4 outcomes of one operation")
                .hasSize(4);
    }

    @Test
    void aClientErrorAndAServerErrorByTheirOutcome() {
        stub.reply(r -> r.path().contains("get-customer")
                ? ProtoApiStub.Reply.json(404, "{\"detail\":\"no such customer\"}")
                : ProtoApiStub.Reply.json(500, "{\"detail\":\"boom\"}"));
        Exchange notFound = send("proto:customer/get", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
        Exchange broken = send("proto:customField/list?maxRetries=0", null, Map.of());

        assertThat(notFound.getException()).isInstanceOf(ProtoApiException.class);
        assertThat(broken.getException()).isInstanceOf(ProtoApiException.class);
        assertCalls("customer/get", 0, 1, 0, 0);
        assertCalls("customField/list", 0, 0, 1, 0);
        assertThat(timer("customer/get", "client_error").count()).isEqualTo(1);
        assertThat(timer("customField/list", "server_error").count()).isEqualTo(1);
        assertThat(inFlight()).isZero();
    }

    @Test
    void aTransportErrorAfterItsRetriesIsOneCallAndOneObservation() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Exchange out = send(
                "proto:customField/list?maxRetries=2&retryDelay=5&baseUrl=RAW(http://127.0.0.1:" + port
                        + "/api/platform)",
                null,
                Map.of());

        assertThat(out.getException()).isInstanceOf(ProtoTransportException.class);
        assertCalls("customField/list", 0, 0, 0, 1);
        assertThat(timer("customField/list", "transport_error").count())
                .as("one observation, retries included")
                .isEqualTo(1);
        assertThat(retries("customField/list")).isEqualTo(2);
        assertThat(inFlight()).isZero();
    }

    @Test
    void aRetriedCallIsOneSuccessAndOneRetry() {
        AtomicInteger seen = new AtomicInteger();
        stub.reply(r -> seen.incrementAndGet() == 1
                ? ProtoApiStub.Reply.json(503, "{\"detail\":\"busy\"}")
                : ProtoApiStub.Reply.json(200, "[]"));
        Exchange out = send("proto:customField/list?retryDelay=5", null, Map.of());

        assertThat(out.getException()).isNull();
        assertThat(stub.requests()).hasSize(2);
        assertCalls("customField/list", 1, 0, 0, 0);
        assertThat(timer("customField/list", "success").count())
                .as("one observation per exchange")
                .isEqualTo(1);
        assertThat(retries("customField/list")).isEqualTo(1);
        assertThat(meters.get("proto.rate_limit.pauses").counter().count()).isZero();
    }

    @Test
    void a429PausesTheTeamspaceAndIsRetried() {
        AtomicInteger seen = new AtomicInteger();
        stub.reply(r -> seen.incrementAndGet() == 1
                ? new ProtoApiStub.Reply(429, "{\"detail\":\"Too Many Requests\"}", Map.of("Retry-After", "0"))
                : ProtoApiStub.Reply.json(200, "[]"));
        Exchange out = send("proto:customField/list", null, Map.of());

        assertThat(out.getException()).isNull();
        assertThat(stub.requests()).hasSize(2);
        assertThat(meters.get("proto.rate_limit.pauses").counter().count()).isEqualTo(1);
        assertThat(retries("customField/list")).isEqualTo(1);
        assertCalls("customField/list", 1, 0, 0, 0);
        assertThat(timer("customField/list", "success").count()).isEqualTo(1);
    }

    @Test
    void theInFlightGaugeFollowsCallsOnTheWire() {
        stub.reply(200, "[]").hold();
        CompletableFuture<Exchange> pending = template.asyncSend("proto:customField/list", e -> {});
        await().atMost(10, TimeUnit.SECONDS).until(() -> stub.inFlight() == 1);
        assertThat(inFlight()).isEqualTo(1);
        stub.open();
        assertThat(pending.join().getException()).isNull();
        await().atMost(10, TimeUnit.SECONDS).until(() -> inFlight() == 0);
        await().atMost(10, TimeUnit.SECONDS) // the meters are told after the callback was handed over
                .until(() -> meters.find("proto.calls").counters().size() > 0);
        assertCalls("customField/list", 1, 0, 0, 0);
    }

    @Test
    void stoppingTheComponentRemovesTheGaugeAndKeepsTheCounters() throws Exception {
        stub.reply(200, "[]");
        send("proto:customField/list", null, Map.of());
        context.getComponent("proto").stop();
        assertThat(meters.find("proto.calls.in_flight").gauge()).isNull();
        assertCalls("customField/list", 1, 0, 0, 0);
        context.getComponent("proto").start();
        assertThat(meters.find("proto.calls.in_flight").gauge())
                .as("registered again")
                .isNotNull();
    }

    private void assertCalls(String operation, long success, long clientError, long serverError, long transport) {
        long[] expected = {success, clientError, serverError, transport};
        for (int i = 0; i < OUTCOMES.size(); i++) {
            Counter c = meters.find("proto.calls")
                    .tag("operation", operation)
                    .tag("outcome", OUTCOMES.get(i))
                    .counter();
            assertThat(c).as("proto.calls %s %s", operation, OUTCOMES.get(i)).isNotNull();
            assertThat(c.count())
                    .as("proto.calls %s %s", operation, OUTCOMES.get(i))
                    .isEqualTo(expected[i]);
            assertThat(c.getId().getTags()).extracting(Tag::getKey).containsExactly("operation", "outcome");
        }
    }

    private Timer timer(String operation, String outcome) {
        return meters.get("proto.call.duration")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .timer();
    }

    private double retries(String operation) {
        Counter c = meters.get("proto.retries").tag("operation", operation).counter();
        assertThat(c.getId().getTags()).extracting(Tag::getKey).containsExactly("operation");
        return c.count();
    }

    private double inFlight() {
        return meters.get("proto.calls.in_flight").gauge().value();
    }
}
