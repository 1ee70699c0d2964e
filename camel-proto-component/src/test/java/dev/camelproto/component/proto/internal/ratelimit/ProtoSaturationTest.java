package dev.camelproto.component.proto.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoCallTimeoutException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoQueueFullException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

/**
 * Saturation: many exchanges waiting at once must all be answered, the back-off queue is bounded, and
 * route code never continues on an HttpClient I/O thread. Correctness only: the waits below are hang detectors (how
 * long before the test calls it a hang), far above what a run takes.
 */
class ProtoSaturationTest extends ProtoTestSupport {

    private static final long HANG_SECONDS = 120;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:slow").to("proto:customField/list").process(e -> {
                    e.getMessage()
                            .setHeader("continuedOn", Thread.currentThread().getName());
                    // the scenario, not a wait for a condition: a little route work after the call
                    Thread.sleep(5);
                });
            }
        };
    }

    @Test
    void fiveThousandExchangesWaitingOnRetryTimersAndA429AreAllAnswered() throws Exception {
        int calls = 5_000;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        stub.reply(r -> !seen.add(r.path())
                ? ProtoApiStub.Reply.json(200, "{\"id\":\"C\"}")
                : r.path().contains("/limited/")
                        ? new ProtoApiStub.Reply(429, "{\"detail\":\"Too Many Requests\"}", Map.of("Retry-After", "1"))
                        : new ProtoApiStub.Reply(503, "{\"detail\":\"busy\"}", Map.of("Retry-After", "2")));
        AsyncProducer producer = producer("proto:customer/get");
        Answers answers = new Answers(calls + 1);
        for (int i = 0; i < calls; i++) {
            answers.send(producer, customer("c" + i));
        }
        // every first attempt answered 503: 5,000 exchanges now wait on a retry timer; then one meets a 429
        awaitRequests(calls);
        Exchange limited = customer("limited");
        answers.send(producer, limited);

        answers.await();
        assertThat(answers.failures.size())
                .as("failed exchanges, e.g. %s", answers.firstFailure)
                .isZero();
        assertThat(limited.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(2);
        assertThat(stub.requests()).hasSize(2 * (calls + 1));
        ServiceHelper.stopService(producer);
    }

    @Test
    void aHundredThousandExchangesIntoA429StormAreAnsweredWithBoundedMemory() throws Exception {
        int calls = 100_000;
        int maxQueuedCalls = 1_000;
        stub.reply(r -> new ProtoApiStub.Reply(429, "{\"detail\":\"Too Many Requests\"}", Map.of("Retry-After", "1")));
        String uri = "proto:customField/list?callTimeout=3000&maxQueuedCalls=" + maxQueuedCalls;
        AsyncProducer producer = producer(uri);
        // the storm has begun: a first call met the 429 and paused the teamspace
        Exchange first = new DefaultExchange(context);
        CountDownLatch firstDone = new CountDownLatch(1);
        producer.process(first, d -> firstDone.countDown());
        awaitRequests(1);
        // ...and its 429 was handled (on a busy machine the answer can take a while after the request arrived)
        ProtoComponent component = context.getComponent("proto", ProtoComponent.class);
        await().atMost(Duration.ofSeconds(HANG_SECONDS))
                .pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(component.getRateLimitPauses())
                        .as("the first call's 429 paused the teamspace")
                        .isPositive());

        long heapBefore = usedHeapAfterGc();
        Answers answers = new Answers(calls);
        for (int i = 0; i < calls; i++) {
            answers.send(producer, new DefaultExchange(context));
        }
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        int heldAfterSubmit = proto.getCallsInFlight();
        long heapHeld = usedHeapAfterGc() - heapBefore;
        answers.await();
        assertThat(firstDone.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
        System.out.printf(
                "[saturation] 100,000 calls into a 429 storm: %d held by the component after submit, heap"
                        + " held ~%d MiB, %d failed with ProtoQueueFullException, %d others, %d requests sent%n",
                heldAfterSubmit,
                heapHeld >> 20,
                answers.queueFull.sum(),
                answers.failures.size(),
                stub.requests().size());

        // Held: the back-off queue (at most maxQueuedCalls) plus the calls the back-off released, or let through while
        // it was open between two 429s, that wait in HttpClient's connection pool. Those are bounded in time
        // (connectionRequestTimeout, callTimeout) but not in number; on an idle machine they are a few hundred, on a
        // loaded one (the 429 answers come back late) several thousand. The storm itself is never held: before the
        // queue bound the same run held 56,025 calls (174 MiB).
        assertThat(heldAfterSubmit)
                .as("calls held in memory: the queue bound and what the back-off let through")
                .isLessThan(calls / 5);
        // the storm hit the bound: calls beyond it failed at once (while the run lasts, queued calls whose callTimeout
        // ran out make room for later ones, so more than maxQueuedCalls may be queued over time)
        assertThat(answers.queueFull.sum()).as("failed at once, queue full").isPositive();
        assertThat(answers.queueFull.sum() + answers.failures.size() + answers.succeeded.sum())
                .isEqualTo(calls);
        assertThat(answers.failures)
                .allSatisfy((id, e) -> assertThat(e)
                        .satisfiesAnyOf(
                                f -> assertThat(f)
                                        .isInstanceOf(ProtoCallTimeoutException.class)
                                        .hasMessageContaining("callTimeout"),
                                f -> assertThat(f)
                                        .isInstanceOf(ProtoApiException.class)
                                        .hasMessageContaining("429")));
        assertThat(answers.succeeded.sum()).isZero();
        assertThat(stub.requests().size())
                .as("a storm of waiting calls does not become a storm of requests")
                .isLessThan(calls / 10);
        ServiceHelper.stopService(producer);
    }

    @Test
    void twoThousandFiveHundredCompletionsBehindASlowRouteNeverContinueOnAnIoThread() throws Exception {
        int calls = 2_500;
        stub.reply(200, "[]");
        AsyncProducer producer = producer("direct:slow");
        Answers answers = new Answers(calls);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger unrecorded = new AtomicInteger();
        answers.onDone = e -> {
            String t = e.getMessage().getHeader("continuedOn", String.class);
            if (t == null) {
                unrecorded.incrementAndGet();
            } else {
                threads.add(t);
            }
        };
        for (int i = 0; i < calls; i++) {
            answers.send(producer, new DefaultExchange(context));
        }
        answers.await();
        assertThat(answers.failures.size())
                .as("failed exchanges, e.g. %s", answers.firstFailure)
                .isZero();
        assertThat(unrecorded).hasValue(0);
        assertThat(threads)
                .as("the threads the route continued on")
                .isNotEmpty()
                .noneMatch(t -> t.startsWith("httpclient-"));
        ServiceHelper.stopService(producer);
    }

    private Exchange customer(String id) {
        Exchange e = new DefaultExchange(context);
        e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, id);
        return e;
    }

    private AsyncProducer producer(String uri) throws Exception {
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        ServiceHelper.startService(producer);
        return producer;
    }

    private static void awaitRequests(int n) {
        await("%d requests reached the stub".formatted(n))
                .atMost(Duration.ofSeconds(HANG_SECONDS))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> stub.requests().size() >= n);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Counts the callbacks of many exchanges sent straight to a producer (no template threads in between). */
    private static final class Answers {
        final CountDownLatch done;
        final Map<Integer, Exception> failures = new ConcurrentHashMap<>();
        final LongAdder queueFull = new LongAdder();
        final LongAdder succeeded = new LongAdder();
        final AtomicInteger ids = new AtomicInteger();
        volatile Exception firstFailure;
        volatile java.util.function.Consumer<Exchange> onDone = e -> {};

        Answers(int expected) {
            done = new CountDownLatch(expected);
        }

        void send(AsyncProducer producer, Exchange exchange) {
            int id = ids.getAndIncrement();
            producer.process(exchange, doneSync -> {
                Exception e = exchange.getException();
                if (e instanceof ProtoQueueFullException) {
                    queueFull.increment(); // not kept: 99,000 of them
                } else if (e != null) {
                    failures.put(id, e);
                    if (firstFailure == null) {
                        firstFailure = e;
                    }
                } else {
                    succeeded.increment();
                }
                onDone.accept(exchange);
                done.countDown();
            });
        }

        void await() throws InterruptedException {
            assertThat(done.await(HANG_SECONDS, TimeUnit.SECONDS))
                    .as("every exchange answered (%d left)", done.getCount())
                    .isTrue();
        }
    }
}
