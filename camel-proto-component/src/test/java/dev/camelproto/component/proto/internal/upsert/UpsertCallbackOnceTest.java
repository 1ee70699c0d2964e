package dev.camelproto.component.proto.internal.upsert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

/**
 * customer/upsert completes its exchange exactly once: when the exchange's callback throws (the route after the
 * producer failed in a way Camel did not catch), the upsert does not call it a second time.
 */
class UpsertCallbackOnceTest extends ProtoTestSupport {

    @Test
    void aCallbackThatThrowsAfterTheLastStepIsCalledOnce() throws Exception {
        stub.reply(200, "{\"id\":\"C1\"}");
        assertCallbackCalledOnce();
    }

    @Test
    void aCallbackThatThrowsAfterAFailedStepIsCalledOnce() throws Exception {
        stub.reply(400, "{\"detail\":\"bad customer\"}");
        assertCallbackCalledOnce();
    }

    private void assertCallbackCalledOnce() throws Exception {
        AsyncProducer producer = context.getEndpoint("proto:customer/upsert").createAsyncProducer();
        ServiceHelper.startService(producer);
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(Map.of("provided_unique_id", "u1", "name", "Ada"));
        AtomicInteger calls = new AtomicInteger();
        producer.process(exchange, doneSync -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the route after the producer failed");
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() >= 1);
        // a second call would follow the first on the same thread at once: half a second shows it
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() ->
                        assertThat(calls).as("calls of the exchange's callback").hasValue(1));
        assertThat(stub.requests()).as("the one step of this upsert").hasSize(1);
        ServiceHelper.stopService(producer);
    }
}
