package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * 256 calls in flight at once hold no thread each: the producer returns at once, the default pool opens 64
 * connections, and only the HTTP client's I/O threads and the component's few response threads exist.
 */
class ProtoConcurrencyTest extends ProtoTestSupport {

    private static long ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.contains("ProtoResponse") || n.startsWith("httpclient-dispatch"))
                .count();
    }

    @Test
    void twoHundredFiftySixInFlightCallsNeedNoThreadEach() throws Exception {
        int calls = 256;
        stub.hold().reply(200, "[]");
        Endpoint endpoint = context.getEndpoint("proto:customField/list");
        Producer producer = endpoint.createProducer();
        producer.start();
        AsyncProcessor async = AsyncProcessorConverterHelper.convert(producer);

        CountDownLatch done = new CountDownLatch(calls);
        AtomicInteger completedSynchronously = new AtomicInteger();
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchanges.add(exchange);
            boolean sync = async.process(exchange, doneSync -> done.countDown());
            if (sync) {
                completedSynchronously.incrementAndGet();
            }
        }
        assertThat(completedSynchronously).as("every call went asynchronous").hasValue(0);

        await("64 requests held by the stub")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> stub.inFlight() >= 64);
        assertThat(stub.inFlight())
                .as("the default pool serves 64 concurrent requests")
                .isEqualTo(64);
        assertThat(done.getCount()).as("all 256 exchanges are still in flight").isEqualTo(calls);
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(ourThreads())
                .as("threads of the component and its HTTP client")
                .isLessThanOrEqualTo(cores + Math.max(4, 2 * cores));

        stub.open();
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(exchanges).allSatisfy(e -> {
            assertThat(e.getException()).isNull();
            assertThat(e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        });
        assertThat(stub.requests()).hasSize(calls);
        assertThat(stub.maxInFlight()).isEqualTo(64);
        producer.stop();
    }
}
