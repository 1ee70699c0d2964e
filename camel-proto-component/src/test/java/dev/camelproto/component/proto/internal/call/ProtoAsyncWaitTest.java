package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.testsupport.NeverHangRun;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Exchanges waiting for a retry (here: the shared 429 back-off) hold no thread. */
class ProtoAsyncWaitTest extends ProtoTestSupport {

    @Test
    void twoHundredFiftySixWaitingExchangesHoldNoThreads() throws Exception {
        int calls = 256;
        // warm up: 64 connections (and the stub's worker thread for each) and the component's pools exist
        stub.reply(200, "{\"id\":\"C\"}");
        List<java.util.concurrent.CompletableFuture<Exchange>> warm = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            warm.add(template.asyncSend(
                    "proto:customer/get?retryDelay=10",
                    e -> e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "warm")));
        }
        for (var f : warm) {
            assertThat(f.get(30, TimeUnit.SECONDS).getException()).isNull();
        }
        stub.reset();

        Set<String> seen = ConcurrentHashMap.newKeySet();
        stub.reply(r -> seen.add(r.path())
                ? new ProtoApiStub.Reply(429, "{\"detail\":\"Too Many Requests\"}", Map.of("Retry-After", "1"))
                : ProtoApiStub.Reply.json(200, "{\"id\":\"C\"}"));
        // hold the answers until every first attempt has passed the (still open) teamspace gate, so all 256 get
        // their 429 in one burst and then all wait in the shared back-off together
        stub.hold();
        // a pause, not a wait for a condition: the threads the warm-up left behind settle before the baseline is
        // counted
        Thread.sleep(200);
        // only the component's own threads, by name: the JVM's other threads (the stub's, JIT, GC, the test's)
        // come and go with the machine's load
        int baseline = NeverHangRun.componentThreads();

        CountDownLatch done = new CountDownLatch(calls);
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "c" + i);
            exchanges.add(exchange);
            template.asyncSend("proto:customer/get?retryDelay=10", exchange).whenComplete((e, t) -> done.countDown());
        }
        long start = System.nanoTime();
        await("64 requests held by the stub")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> stub.inFlight() >= 64);
        ProtoComponent proto = (ProtoComponent) context.getComponent("proto");
        // asyncSend hands each exchange to the template's pool: wait until all of them reached the component
        await("all calls in flight")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> proto.getCallsInFlight() >= calls);
        assertThat(proto.getCallsInFlight()).isEqualTo(calls);
        stub.open();
        // the most component threads seen while the exchanges wait, sampled until all of them complete
        AtomicInteger maxThreads = new AtomicInteger(NeverHangRun.componentThreads());
        await("all complete")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    maxThreads.accumulateAndGet(NeverHangRun.componentThreads(), Math::max);
                    return done.getCount() == 0;
                });
        int max = maxThreads.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "[async-wait] %d exchanges, component threads before=%d max while waiting=%d, done in %.1f" + " s%n",
                calls, baseline, max, seconds);
        assertThat(max - baseline)
                .as("no thread per waiting exchange: %s", NeverHangRun.componentThreadNames())
                .isLessThanOrEqualTo(16);
        assertThat(exchanges).allSatisfy(e -> {
            assertThat(e.getException()).isNull();
            assertThat(e.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(2);
            assertThat(e.getMessage().getBody()).isEqualTo(Map.of("id", "C"));
        });
        List<ProtoApiStub.Recorded> sent = stub.requests();
        assertThat(sent)
                .hasSize(2 * calls)
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
        for (int i = 0; i < calls; i++) {
            String p = path("/v1/customers/" + TEAMSPACE + "/customer/c" + i + "/get-customer");
            assertThat(sent).filteredOn(r -> r.path().equals(p)).hasSize(2);
        }
    }
}
