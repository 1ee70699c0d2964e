package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoCallTimeoutException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import dev.camelproto.component.proto.testsupport.ScriptedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hostile HTTP/1.1 moves from a raw-socket server: every exchange answered once, within callTimeout + margin. */
class HostileServerMovesTest {

    interface Move {
        void on(int connection, String head, byte[] body, InputStream in, OutputStream out, Socket s) throws Exception;
    }

    private ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private CamelContext context;

    @AfterEach
    void close() throws Exception {
        if (context != null) {
            context.stop();
        }
        server.close();
        pool.shutdownNow();
    }

    private String serve(Move move) throws IOException {
        server = new ServerSocket(0);
        AtomicInteger connections = new AtomicInteger();
        pool.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    int n = connections.getAndIncrement();
                    pool.execute(() -> {
                        try (s) {
                            InputStream in = s.getInputStream();
                            String head = ScriptedServer.readHead(in);
                            long length = 0;
                            for (String line : head.split("\r\n")) {
                                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                                    length = Long.parseLong(line.substring(15).trim());
                                }
                            }
                            byte[] body = in.readNBytes((int) length);
                            move.on(n, head, body, in, s.getOutputStream(), s);
                        } catch (Exception ignored) {
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return "http://127.0.0.1:" + server.getLocalPort() + "/api/platform";
    }

    private Exchange send(String baseUrl, String uri, Map<String, Object> headers) throws Exception {
        context = new DefaultCamelContext();
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(ProtoTestSupport.TEAMSPACE);
        proto.getConfiguration().setTakeoverSecret(ProtoTestSupport.SECRET);
        proto.getConfiguration().setBaseUrl(baseUrl);
        context.addComponent("proto", proto);
        context.start();
        return context.createProducerTemplate().send(uri, e -> e.getIn().setHeaders(new java.util.HashMap<>(headers)));
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void a100ContinueBeforeTheAnswerIsSkipped() throws Exception {
        String url = serve((n, head, body, in, out, s) -> {
            write(out, "HTTP/1.1 100 Continue\r\n\r\n");
            write(
                    out,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"id\":\"C1\"}\n");
            Thread.sleep(300);
        });
        Exchange out =
                send(url, "proto:customer/get?callTimeout=5000", Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("C1");
    }

    @Test
    void endless102ProcessingIsCutAtTheCallTimeout() throws Exception {
        String url = serve((n, head, body, in, out, s) -> {
            for (int i = 0; i < 400; i++) {
                write(out, "HTTP/1.1 102 Processing\r\n\r\n");
                Thread.sleep(50);
            }
        });
        long t0 = System.nanoTime();
        Exchange out = send(
                url,
                "proto:customer/get?callTimeout=1500&responseTimeout=1000&maxRetries=0",
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(out.getException()).isInstanceOf(ProtoTransportException.class);
        assertThat(((ProtoTransportException) out.getException()).mayHaveBeenProcessed())
                .isTrue();
        assertThat(ms).as("answered within callTimeout + margin").isLessThan(1500 + 1500);
    }

    @Test
    void aTrickledBodyIsCutAtTheCallTimeout() throws Exception {
        String url = serve((n, head, body, in, out, s) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
            for (int i = 0; i < 400; i++) {
                write(out, " ");
                Thread.sleep(50);
            }
        });
        long t0 = System.nanoTime();
        Exchange out = send(
                url,
                "proto:customer/get?callTimeout=1500&responseTimeout=1000&maxRetries=0",
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(out.getException()).isInstanceOf(ProtoCallTimeoutException.class);
        assertThat(ms).isLessThan(1500 + 1500);
    }

    @Test
    void aDeleteReadThenResetThen404IsDone() throws Exception {
        String url = serve((n, head, body, in, out, s) -> {
            if (n == 0) {
                s.setSoLinger(true, 0);
                return;
            }
            write(out, "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
            Thread.sleep(300);
        });
        Exchange out = send(
                url,
                "proto:customField/delete?callTimeout=5000&retryDelay=10",
                Map.of(ProtoConstants.CUSTOM_FIELD_ID, "F1"));
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(2);
    }

    @Test
    void aOneMillisecondCallTimeoutIsAnsweredAndSaysWhatItWaitedFor() throws Exception {
        String url = serve((n, head, body, in, out, s) -> Thread.sleep(3000));
        long t0 = System.nanoTime();
        Exchange out = send(url, "proto:customer/get?callTimeout=1", Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(out.getException()).isInstanceOf(ProtoCallTimeoutException.class);
        assertThat(ms).isLessThan(1000);
        assertThat(out.getException().getMessage())
                .as("the gate was open: nothing waited in a back-off queue")
                .doesNotContain("back-off");
    }
}
