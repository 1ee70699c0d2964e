package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoComponentStoppedException;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping the component fails each waiting exchange with an exception of its own, of the public type
 * {@link ProtoComponentStoppedException} (a {@link ProtoTransportException}, so one {@code onException} handles
 * it), whose {@code mayHaveBeenProcessed()} is true only for a call that was on the wire: calls waiting in the
 * teamspace's back-off (never sent, or refused with a 429) were not processed.
 */
class StopFailsEachExchangeTest extends ProtoTestSupport {

    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withShutdownTimeout(1); // the stop waits 1 s for the call on the wire, then fails it
    }

    @AfterEach
    void releaseTheServer() {
        release.countDown();
    }

    @Test
    void eachExchangeFailedByTheStopGetsItsOwnPublicExceptionTellingWhetherItWasOnTheWire() throws Exception {
        stub.reply(r -> {
            if (r.path().contains("/get-customer")) { // the call on the wire: read, never answered before the stop
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ProtoApiStub.Reply.json(200, "{\"id\":\"C1\"}");
            }
            return new ProtoApiStub.Reply(429, "{\"detail\":\"slow down\"}", Map.of("Retry-After", "20"));
        });
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        CompletableFuture<Exchange> onTheWire = template.asyncSend(
                "proto:customer/get", e -> e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "on-the-wire"));
        await().atMost(Duration.ofSeconds(20)).until(() -> stub.requests().size() == 1);

        // a 429 pauses the teamspace: its call waits for the back-off, the next four wait behind it, none sent
        List<CompletableFuture<Exchange>> waiting = new ArrayList<>();
        waiting.add(template.asyncSend("proto:customField/list?retryMaxDelay=60s", e -> {}));
        await().atMost(Duration.ofSeconds(20)).until(() -> proto.getRateLimitPauses() == 1 && proto.getRetries() == 1);
        for (int i = 0; i < 4; i++) {
            waiting.add(template.asyncSend("proto:customField/list?retryMaxDelay=60s", e -> {}));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> proto.getCallsInFlight() == 6);

        proto.stop();

        Set<Exception> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CompletableFuture<Exchange> f : waiting) {
            assertThat(f).as("answered by the stop").succeedsWithin(Duration.ofSeconds(15));
            Exception e = f.join().getException();
            assertThat(e).as("a call waiting in the back-off").isInstanceOf(ProtoComponentStoppedException.class);
            ProtoComponentStoppedException stopped = (ProtoComponentStoppedException) e;
            assertThat(stopped.getOperation()).isEqualTo("customField/list");
            assertThat(stopped.mayHaveBeenProcessed())
                    .as("never sent, or refused with a 429: %s", e.getMessage())
                    .isFalse();
            distinct.add(e);
        }
        assertThat(onTheWire).as("answered by the stop").succeedsWithin(Duration.ofSeconds(15));
        Exception wire = onTheWire.join().getException();
        assertThat(wire).as("the call on the wire").isInstanceOf(ProtoComponentStoppedException.class);
        assertThat(((ProtoComponentStoppedException) wire).getOperation()).isEqualTo("customer/get");
        assertThat(((ProtoComponentStoppedException) wire).mayHaveBeenProcessed())
                .as("the server read it: %s", wire.getMessage())
                .isTrue();
        distinct.add(wire);
        assertThat(distinct).as("one exception instance per exchange").hasSize(6);
        assertThat(stub.requests()).as("nothing sent again").hasSize(2);
    }
}
