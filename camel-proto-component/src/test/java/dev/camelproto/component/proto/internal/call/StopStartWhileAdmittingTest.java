package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoQueueFullException;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

/**
 * Four threads keep admitting calls (a slow server, a 429 now and then, maxConnections=4 so most wait for a pooled
 * connection, a small maxPendingCalls) while the component is stopped and started five times: every exchange answered
 * exactly once, each failure its own exception, nothing held at the end, and the component works after the last start.
 */
class StopStartWhileAdmittingTest {

    @Test
    void stopAndStartWhileCallsAreAdmitted() throws Exception {
        ProtoApiStub stub = new ProtoApiStub();
        AtomicInteger n = new AtomicInteger();
        stub.reply(r -> n.incrementAndGet() % 7 == 0
                        ? new ProtoApiStub.Reply(429, "{}", Map.of("Retry-After", "0"))
                        : ProtoApiStub.Reply.json(200, "{\"id\":\"C1\"}"))
                .delay(30);
        CamelContext context = new DefaultCamelContext();
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(ProtoTestSupport.TEAMSPACE);
        proto.getConfiguration().setTakeoverSecret(ProtoTestSupport.SECRET);
        proto.getConfiguration().setBaseUrl(stub.baseUrl());
        proto.setMaxConnections(4);
        context.addComponent("proto", proto);
        context.getShutdownStrategy().setTimeout(1);
        context.start();
        AsyncProducer producer = context.getEndpoint(
                        "proto:customer/get?callTimeout=3000&maxPendingCalls=60" + "&retryDelay=5")
                .createAsyncProducer();
        ServiceHelper.startService(producer);

        Map<Exchange, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicBoolean go = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread s = new Thread(() -> {
                while (go.get()) {
                    Exchange e = new DefaultExchange(context);
                    e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "c");
                    AtomicInteger count = new AtomicInteger();
                    answers.put(e, count);
                    producer.process(e, doneSync -> count.incrementAndGet());
                    if (answers.size() % 50 == 0) {
                        Thread.yield();
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            });
            s.start();
            senders.add(s);
        }
        for (int cycle = 0; cycle < 5; cycle++) {
            Thread.sleep(300);
            proto.stop();
            Thread.sleep(50);
            proto.start();
        }
        Thread.sleep(300);
        go.set(false);
        for (Thread s : senders) {
            s.join();
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> answers.values().stream().allMatch(c -> c.get() >= 1));
        Thread.sleep(200);
        assertThat(answers.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        int failed = 0;
        for (Exchange e : answers.keySet()) {
            Exception x = e.getException();
            if (x != null) {
                failed++;
                assertThat(seen.put(x, true))
                        .as("each failure its own instance")
                        .isNull();
                assertThat(x).isInstanceOf(ProtoTransportException.class);
                if (!(x instanceof ProtoQueueFullException)) {
                    assertThat(x.getMessage()).doesNotContain(ProtoTestSupport.SECRET);
                }
            }
        }
        System.out.println("exchanges " + answers.size() + ", failed " + failed);
        assertThat(proto.getCallsInFlight()).isZero();
        Exchange after = context.createProducerTemplate()
                .send(
                        "proto:customer/get?callTimeout=3000",
                        e -> e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "c"));
        assertThat(after.getException()).isNull();
        ServiceHelper.stopService(producer);
        context.stop();
        stub.close();
    }
}
