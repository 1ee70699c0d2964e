package dev.camelproto.component.proto.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoResponseTooLargeException;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import dev.camelproto.component.proto.testsupport.ScriptedServer;
import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-attempt timeouts, the insecure-http guard, maxResponseSize and raw bodies. */
class ProtoTransportTest extends ProtoTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"customField/list?maxRetries=0", "ticket/create?retryDelay=10"})
    void aServerThatNeverAnswersFailsAfterTheResponseTimeout(String op) throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .teamspace(TEAMSPACE, SECRET)
                .seed(5)
                .faults(Faults.builder().noResponseRate(1.0).build())
                .start()) {
            stub.reply(200, "{\"id\":\"T1\"}");
            send("proto:" + op, null, Map.of(ProtoConstants.SUBJECT, "Hi", ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
            long start = System.nanoTime();
            Exchange out = send(
                    "proto:" + op + "&responseTimeout=1000&baseUrl=RAW(" + sim.baseUrl() + ")",
                    null,
                    Map.of(ProtoConstants.SUBJECT, "Hi", ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(out.getException())
                    .isInstanceOf(ProtoTransportException.class)
                    .isInstanceOf(IOException.class);
            ProtoTransportException e = (ProtoTransportException) out.getException();
            assertThat(e.getAttempts()).isEqualTo(1);
            assertThat(e.mayHaveBeenProcessed()).isTrue();
            assertThat(e.getMessage()).contains("timed out");
            // after the 1 s responseTimeout, not the 30 s default (no tighter upper bound: the machine may be busy)
            assertThat(millis).as("fails on the responseTimeout").isBetween(900L, 20_000L);
            assertThat(sim.counters().total()).as("not retried").isEqualTo(1);
            assertThat(sim.counters().noResponses()).isEqualTo(1);
        }
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefused() {
        assertThatThrownBy(() -> context.getEndpoint("proto:customField/list?baseUrl=RAW(http://example.com/api)"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause()
                .hasMessageContaining("allowInsecureHttp=true")
                .hasMessageContaining("http://example.com/api");
        assertThat(context.getEndpoint(
                        "proto:customField/list?allowInsecureHttp=true&baseUrl=RAW(http://example.com/api)"))
                .isNotNull();
        assertThat(context.getEndpoint("proto:customField/list?baseUrl=RAW(https://example.com/api)"))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:1/api", "http://localhost:1/api", "http://[::1]:1/api"})
    void plainHttpToLoopbackIsAllowed(String base) {
        assertThat(context.getEndpoint("proto:customField/list?baseUrl=RAW(" + base + ")"))
                .isNotNull();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFiftyMegabyteResponseFailsWithoutBeingBuffered(boolean chunked) throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.script(i -> new ScriptedServer.Stream(50L * 1024 * 1024, chunked));
            long before = usedHeap();
            long[] peak = {before};
            Thread watcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    Runtime rt = Runtime.getRuntime();
                    peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watcher.start();
            Exchange out = send("proto:customField/list?baseUrl=RAW(" + server.baseUrl() + ")", null, Map.of());
            watcher.interrupt();
            watcher.join();
            assertThat(out.getException()).isInstanceOf(ProtoResponseTooLargeException.class);
            ProtoResponseTooLargeException e = (ProtoResponseTooLargeException) out.getException();
            assertThat(e.getMaxResponseSize()).isEqualTo(10L * 1024 * 1024);
            assertThat(e.getMessage()).contains("10485760");
            assertThat(server.requests()).as("not retried").hasSize(1);
            System.out.printf(
                    "[too-large chunked=%s] heap growth (peak, loose) = %d MB%n",
                    chunked, (peak[0] - before) / (1024 * 1024));
            // loose: 10 MiB of buffer at most plus garbage; far below the 50 MB (plus copies) buffering would need
            assertThat(peak[0] - before).isLessThan(45L * 1024 * 1024);
        }
    }

    @Test
    void aSmallerLimitFromTheUri() {
        stub.reply(200, "[\"" + "x".repeat(2_000) + "\"]");
        Exchange out = send("proto:customField/list?maxResponseSize=1000", null, Map.of());
        assertThat(out.getException())
                .isInstanceOf(ProtoResponseTooLargeException.class)
                .hasMessageContaining("1000 bytes");
        assertThat(stub.requests()).hasSize(1);
        stub.reply(200, "[\"small\"]");
        assertThat(send("proto:customField/list?maxResponseSize=1000", null, Map.of())
                        .getMessage()
                        .getBody())
                .isEqualTo(java.util.List.of("small"));
    }

    @Test
    void aNonJsonSuccessBodyStaysAString() {
        stub.reply(200, "plain text, not json");
        Exchange out = send("proto:customField/list", null, Map.of());
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody()).isEqualTo("plain text, not json");
    }

    @Test
    void aNonJsonErrorPageIsKeptRawOnTheException() throws Exception {
        String html = "<html><body><h1>500 Internal Server Error</h1></body></html>";
        try (ScriptedServer server = new ScriptedServer()) {
            server.script(i -> new ScriptedServer.Answer(500, "text/html", html));
            Exchange out = send("proto:customField/list?baseUrl=RAW(" + server.baseUrl() + ")", null, Map.of());
            ProtoApiException e = (ProtoApiException) out.getException();
            assertThat(e.getStatusCode()).isEqualTo(500);
            assertThat(e.getResponseBody()).isEqualTo(html);
            assertThat(server.requests()).hasSize(1);
        }
    }
}
