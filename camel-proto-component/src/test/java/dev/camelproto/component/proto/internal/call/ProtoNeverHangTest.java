package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, "never a hang": every exchange is answered, whatever the server says and however many calls wait. The
 * time bounds below are hang detectors (answered at all), not speed measurements.
 */
class ProtoNeverHangTest extends ProtoTestSupport {

    private Exchange answered(String uri, Object body, Map<String, Object> headers, long seconds) throws Exception {
        CompletableFuture<Exchange> f = template.asyncSend(uri, e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(new java.util.HashMap<>(headers));
        });
        return f.get(seconds, TimeUnit.SECONDS);
    }

    // ---- items 1 and 2: Retry-After of any size ----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {"10000000000000000", "9223372036854775807", "99999999999999999999", "1234567890123456789012345"})
    void aHugeRetryAfterOn429FailsAtOnceWithTheValueSaturated(String value) throws Exception {
        stub.reply(r -> new ProtoApiStub.Reply(429, "{\"detail\":\"slow\"}", Map.of("Retry-After", value)));
        Exchange out = answered("proto:customField/list?retryDelay=10", null, Map.of(), 20);
        assertThat(out.getException()).isInstanceOf(ProtoApiException.class);
        ProtoApiException e = (ProtoApiException) out.getException();
        assertThat(e.getStatusCode()).isEqualTo(429);
        assertThat(e.getRetryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(365)));
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(1);
        assertThat(stub.requests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000000000000", "1234567890123456789012345"})
    void aHugeRetryAfterOn503FailsAtOnceForEveryMethod(String value) throws Exception {
        stub.reply(r -> new ProtoApiStub.Reply(503, "{\"detail\":\"busy\"}", Map.of("Retry-After", value)));
        Exchange get = answered("proto:customField/list?retryDelay=10", null, Map.of(), 20);
        Exchange post = answered(
                "proto:ticket/create?retryDelay=10",
                null,
                Map.of(ProtoConstants.SUBJECT, "Hi", ProtoConstants.PROVIDED_UNIQUE_ID, "c1"),
                20);
        for (Exchange out : List.of(get, post)) {
            ProtoApiException e = (ProtoApiException) out.getException();
            assertThat(e.getStatusCode()).isEqualTo(503);
            assertThat(e.getRetryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(365)));
            assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(1);
        }
        assertThat(stub.requests()).hasSize(2);
    }

    // ---- item 5: stop and start ----------------------------------------------------------------------------------

    @Test
    void aStoppedAndRestartedComponentWorks() throws Exception {
        stub.reply(200, "[]");
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        assertThat(answered("proto:customField/list", null, Map.of(), 20).getException())
                .isNull();
        proto.stop();
        proto.start();
        Exchange out = answered("proto:customField/list", null, Map.of(), 20);
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(1);
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void aStoppedAndRestartedContextWorks() throws Exception {
        // a stopped context forgets its components: the same instance is added again, and restarted with it
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(TEAMSPACE);
        proto.getConfiguration().setTakeoverSecret(SECRET);
        proto.getConfiguration().setBaseUrl(stub.baseUrl());
        context.addComponent("protoreg", proto);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:list").to("protoreg:customField/list");
            }
        });
        stub.reply(200, "[]");
        assertThat(answered("direct:list", null, Map.of(), 20).getException()).isNull();
        context.stop();
        if (context.hasComponent("protoreg") == null) {
            context.addComponent("protoreg", proto);
        }
        context.start();
        assertThat(context.getComponent("protoreg")).isSameAs(proto);
        assertThat(proto.isStarted()).isTrue();
        org.apache.camel.ProducerTemplate fresh = context.createProducerTemplate(); // the test's one stopped with it
        Exchange out = fresh.asyncSend("direct:list", e -> {}).get(20, TimeUnit.SECONDS);
        fresh.stop();
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(1);
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void aCallDuringStopNeverTiesAGateToTheOldPools() throws Exception {
        stub.reply(r -> new ProtoApiStub.Reply(429, "{}", Map.of("Retry-After", "1")));
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        Thread stopper = new Thread(() -> {
            try {
                proto.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        stopper.start();
        for (int i = 0; i < 200; i++) { // new teamspaces (new gates) while the component stops
            sent.add(template.asyncSend("proto:customField/list?subcompanyId=T" + i, e -> {}));
        }
        stopper.join(30_000);
        for (CompletableFuture<Exchange> f : sent) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isNotNull(); // answered, one way or another
        }
        proto.start();
        stub.reply(200, "[]");
        for (int i = 0; i < 200; i += 20) {
            Exchange out = answered("proto:customField/list?subcompanyId=T" + i, null, Map.of(), 20);
            assertThat(out.getException()).as("T" + i).isNull();
        }
    }

    // ---- items 3 and 4: pools ------------------------------------------------------------------------------------

    @Test
    void twelveHundredCallsOnRetryTimersAndA429AreAllAnswered() throws Exception {
        int calls = 1_200;
        AtomicInteger listed = new AtomicInteger();
        AtomicInteger tooMany = new AtomicInteger();
        stub.reply(r -> {
            if (r.path().endsWith("/list-custom-fields")) {
                return listed.getAndIncrement() < calls
                        ? new ProtoApiStub.Reply(503, "{\"detail\":\"busy\"}", Map.of("Retry-After", "3"))
                        : ProtoApiStub.Reply.json(200, "[]");
            }
            return tooMany.getAndIncrement() == 0
                    ? new ProtoApiStub.Reply(429, "{\"detail\":\"slow\"}", Map.of("Retry-After", "1"))
                    : ProtoApiStub.Reply.json(200, "{\"id\":\"C1\"}");
        });
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            sent.add(template.asyncSend("proto:customField/list?retryMaxDelay=60s", e -> {}));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stub.requests().size() < calls && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(stub.requests().size())
                .as("every first attempt reached the server")
                .isGreaterThanOrEqualTo(calls);
        Exchange limited = answered("proto:customer/get", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"), 60);
        assertThat(limited.getException()).isNull();
        assertThat(limited.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(2);
        for (CompletableFuture<Exchange> f : sent) {
            Exchange out = f.get(60, TimeUnit.SECONDS);
            assertThat(out.getException()).isNull();
            assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(2);
        }
    }

    @Test
    void routeCodeNeverRunsOnAnIoThreadBehindASlowRoute() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:slow").to("proto:customField/list").process(e -> {
                    threads.add(Thread.currentThread().getName());
                    Thread.sleep(5);
                });
            }
        });
        stub.reply(200, "[]");
        int calls = 2_500;
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            sent.add(template.asyncSend("direct:slow", e -> {}));
        }
        for (CompletableFuture<Exchange> f : sent) {
            assertThat(f.get(120, TimeUnit.SECONDS).getException()).isNull();
        }
        assertThat(threads).isNotEmpty().noneMatch(n -> n.startsWith("httpclient-dispatch"));
    }
}
