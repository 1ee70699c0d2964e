package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * An attempt is counted before it is handed to the HTTP client, under the same lock that finishes the call: a call
 * that ends (its callTimeout runs out) while an attempt is being sent reports that attempt, and one reported with 0
 * attempts or "not processed" never reaches the server.
 */
class ProtoTruthfulAttemptsTest extends ProtoTestSupport {

    @Test
    void aCallReportedAsNeverSentNeverReachesTheServer() throws Exception {
        stub.reply(200, "{\"id\":\"T1\"}");
        int calls = 600;
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String subject = "s-" + i;
            // deadlines of 1 to 4 ms race with the hand-over to the client
            sent.add(template.asyncSend("proto:ticket/create?callTimeout=" + (1 + i % 4), e -> {
                e.getIn().setHeader(ProtoConstants.SUBJECT, subject);
                e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "c1");
            }));
        }
        List<Exchange> out = new ArrayList<>();
        for (CompletableFuture<Exchange> f : sent) {
            out.add(f.get(30, TimeUnit.SECONDS));
        }
        Set<String> reportedNeverSent = new HashSet<>();
        for (int i = 0; i < calls; i++) {
            Exchange e = out.get(i);
            Integer attempts = e.getMessage().getHeader(ProtoConstants.ATTEMPTS, Integer.class);
            boolean notProcessed = e.getException() instanceof ProtoTransportException t && !t.mayHaveBeenProcessed();
            if (attempts == 0 || notProcessed) {
                reportedNeverSent.add("s-" + i);
            }
        }
        // a request handed over just before the deadline may still arrive: none reported as never sent does, for 1 s
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(arrivedSubjects())
                        .as("calls reported as never sent that reached the server")
                        .doesNotContainAnyElementsOf(reportedNeverSent));
        Set<String> arrived = arrivedSubjects();
        for (int i = 0; i < calls; i++) {
            if (arrived.contains("s-" + i)) {
                assertThat(out.get(i).getMessage().getHeader(ProtoConstants.ATTEMPTS, Integer.class))
                        .as("s-" + i + " reached the server")
                        .isPositive();
            }
        }
        System.out.printf(
                "[truthful attempts] calls=%d reported-never-sent=%d arrived=%d%n",
                calls, reportedNeverSent.size(), arrived.size());
    }

    private static Set<String> arrivedSubjects() {
        return stub.requests().stream()
                .map(r -> r.body().replaceAll(".*\"subject\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.toSet());
    }
}
