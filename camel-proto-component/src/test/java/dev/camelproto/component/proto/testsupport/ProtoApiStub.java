package dev.camelproto.component.proto.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

/** A local HTTP stub that records every request exactly as it arrived and answers what a test tells it to. */
public final class ProtoApiStub implements AutoCloseable {

    public record Recorded(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public record Reply(int status, String json, Map<String, String> headers) {
        public static Reply json(int status, String json) {
            return new Reply(status, json, Map.of());
        }
    }

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<Recorded, Reply> responder = r -> Reply.json(200, "{}");
    private volatile long delayMillis;
    private volatile java.util.concurrent.CountDownLatch gate;
    private final HttpServer server;

    public ProtoApiStub() throws IOException {
        server = ServerBootstrap.bootstrap()
                .setLocalAddress(InetAddress.getLoopbackAddress())
                .setListenerPort(0)
                .setCanonicalHostName("127.0.0.1")
                // request lines with 10,000-character ids (the bad-input corpus): httpcore5 5.4 limits lines to 8 KiB
                .setHttp1Config(
                        Http1Config.custom().setMaxLineLength(256 * 1024).build())
                .register("*", new Handler())
                .create();
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/api/platform";
    }

    public List<Recorded> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    public Recorded lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("no request reached the stub");
        }
        return requests.get(requests.size() - 1);
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public ProtoApiStub reply(int status, String json) {
        responder = r -> Reply.json(status, json);
        return this;
    }

    public ProtoApiStub reply(Function<Recorded, Reply> responder) {
        this.responder = responder;
        return this;
    }

    public ProtoApiStub delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** Holds every response until {@link #open()}. */
    public ProtoApiStub hold() {
        gate = new java.util.concurrent.CountDownLatch(1);
        return this;
    }

    public void open() {
        java.util.concurrent.CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    public void reset() {
        open();
        gate = null;
        requests.clear();
        maxInFlight.set(0);
        delayMillis = 0;
        responder = r -> Reply.json(200, "{}");
    }

    @Override
    public void close() {
        server.close(CloseMode.IMMEDIATE);
    }

    private final class Handler implements HttpRequestHandler {
        @Override
        public void handle(ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context)
                throws HttpException, IOException {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Header h : request.getHeaders()) {
                    headers.merge(h.getName().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
                }
                String body = request.getEntity() == null
                        ? null
                        : EntityUtils.toString(request.getEntity(), StandardCharsets.UTF_8);
                Recorded recorded = new Recorded(request.getMethod(), request.getPath(), headers, body);
                requests.add(recorded);
                java.util.concurrent.CountDownLatch g = gate;
                if (g != null && !g.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("gate never opened");
                }
                if (delayMillis > 0) {
                    // the scenario, not a wait for a condition: the server's delay before it answers
                    TimeUnit.MILLISECONDS.sleep(delayMillis);
                }
                Reply reply = responder.apply(recorded);
                response.setCode(reply.status());
                reply.headers().forEach(response::setHeader);
                if (reply.json() != null) {
                    response.setEntity(new StringEntity(reply.json(), ContentType.APPLICATION_JSON));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }
}
