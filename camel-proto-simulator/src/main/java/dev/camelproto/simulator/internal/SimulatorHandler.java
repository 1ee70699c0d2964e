package dev.camelproto.simulator.internal;

import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.InjectedFault;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/** The one httpcore5 request handler: journal, faults, routing, then {@link Api}. */
public final class SimulatorHandler implements HttpRequestHandler {

    private static final byte[] EMPTY = new byte[0];
    private static final Header[] NO_HEADERS = new Header[0];
    private static final ContentType JSON = ContentType.APPLICATION_JSON;

    private final String prefix;
    private final Api api;
    private final FaultInjector faults;
    private final Recorder recorder;
    private final Connections connections;
    private final SnapshotEndpoint inspection;
    private final Object closeSignal = new Object();
    private volatile boolean closed;

    public SimulatorHandler(
            String prefix,
            Api api,
            FaultInjector faults,
            Recorder recorder,
            Connections connections,
            SnapshotEndpoint inspection) {
        this.prefix = prefix;
        this.inspection = inspection;
        this.api = api;
        this.faults = faults;
        this.recorder = recorder;
        this.connections = connections;
    }

    /** Releases every request held by the "no response" fault (they end by closing their connection). */
    public void shutdown() {
        closed = true;
        synchronized (closeSignal) {
            closeSignal.notifyAll();
        }
    }

    /** Thrown to make httpcore5 close the connection immediately (RST) without a response. */
    static final class DropConnection extends SocketException {
        DropConnection(String msg) {
            super(msg);
        }
    }

    @Override
    public void handle(ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context)
            throws IOException {
        String method = request.getMethod();
        String uri = request.getRequestUri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        byte[] body = readBody(request.getEntity());
        Header authHeader = request.getFirstHeader("Authorization");
        String authorization = authHeader == null ? null : authHeader.getValue();
        String decodedPath = Routes.decodePath(rawPath);
        if (SnapshotEndpoint.matches(decodedPath) && !decodedPath.startsWith(prefix + "/")) {
            // the read-only inspection endpoint beside the API: no faults, not journaled, not counted
            send(response, inspection.handle(method, decodedPath, authorization));
            return;
        }
        long seq = recorder.nextSequence();
        long now = System.currentTimeMillis();

        List<String> segments = List.of();
        if (decodedPath.startsWith(prefix + "/")) {
            segments = Routes.splitSegments(decodedPath.substring(prefix.length()));
        }
        Routes.Route route = null;
        List<String> params = null;
        List<String> allowed = new ArrayList<>(1);
        for (Routes.Route r : Routes.ALL) {
            List<String> p = r.match(segments);
            if (p != null) {
                if (r.method().equals(method)) {
                    route = r;
                    params = p;
                    break;
                }
                allowed.add(r.method());
            }
        }

        InjectedFault fault = null;
        Api.Response out;
        FaultInjector.Decision d = faults.decide();
        Faults settings = d != null ? d.faults() : faults.faults();
        if (d != null && d.latencyMs() > 0) {
            try {
                Thread.sleep(d.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long retryAfter = faults.rateLimit(settings, authorization);
        if (retryAfter > 0) {
            fault = InjectedFault.RATE_LIMITED;
            out = api.error(
                    429, "Too Many Requests", Map.of("Retry-After", FaultInjector.retryAfter(settings, retryAfter)));
        } else if (d != null && d.reset()) {
            record(
                    seq,
                    now,
                    method,
                    rawPath,
                    query,
                    segments,
                    route,
                    request,
                    body,
                    0,
                    EMPTY,
                    InjectedFault.CONNECTION_RESET);
            throw new DropConnection("injected connection reset");
        } else if (d != null && d.noResponse()) {
            record(
                    seq,
                    now,
                    method,
                    rawPath,
                    query,
                    segments,
                    route,
                    request,
                    body,
                    0,
                    EMPTY,
                    InjectedFault.NO_RESPONSE);
            hang(context);
            throw new DropConnection("injected no response");
        } else if (d != null && d.status() > 0) {
            fault = InjectedFault.STATUS;
            int s = d.status();
            Map<String, String> h = (s == 429 || s == 503)
                    ? Map.of("Retry-After", FaultInjector.retryAfter(settings, settings.retryAfterSeconds()))
                    : Map.of();
            out = api.error(s, reason(s) + " (injected by the simulator)", h);
        } else if (route != null) {
            out = api.handle(route, params, authorization, body);
            if (d != null && d.dropAfterWrite() && !"GET".equals(method)) {
                record(
                        seq,
                        now,
                        method,
                        rawPath,
                        query,
                        segments,
                        route,
                        request,
                        body,
                        0,
                        EMPTY,
                        InjectedFault.DROP_AFTER_WRITE);
                throw new DropConnection("injected drop after write");
            }
        } else if (!allowed.isEmpty()) {
            StringJoiner j = new StringJoiner(", ");
            allowed.forEach(j::add);
            out = api.error(405, Contract.MSG_METHOD_NOT_ALLOWED, Map.of("Allow", j.toString()));
        } else {
            out = api.error(404, Contract.MSG_NOT_FOUND, Map.of());
        }

        send(response, out);
        record(seq, now, method, rawPath, query, segments, route, request, body, out.status(), out.body(), fault);
    }

    private static void send(ClassicHttpResponse response, Api.Response out) {
        response.setCode(out.status());
        for (Map.Entry<String, String> h : out.headers().entrySet()) {
            response.addHeader(h.getKey(), h.getValue());
        }
        response.setEntity(new ByteArrayEntity(out.body(), JSON));
    }

    /** Holds the request until the client closes the connection or the simulator closes (or interrupts us). */
    private void hang(HttpContext context) {
        Connections.Tracked conn =
                connections.lookup(HttpCoreContext.cast(context).getEndpointDetails());
        while (!closed) {
            if (conn != null && conn.peerGone()) {
                return;
            }
            try {
                synchronized (closeSignal) {
                    if (closed) {
                        return;
                    }
                    closeSignal.wait(conn != null ? 50 : 500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void record(
            long seq,
            long now,
            String method,
            String rawPath,
            String query,
            List<String> segments,
            Routes.Route route,
            ClassicHttpRequest request,
            byte[] body,
            int status,
            byte[] responseBody,
            InjectedFault fault) {
        recorder.record(new Recorder.Entry(
                seq,
                now,
                method,
                rawPath,
                query,
                segments,
                route == null ? null : route.name(),
                recorder.journalEnabled() ? request.getHeaders() : NO_HEADERS,
                body,
                status,
                responseBody,
                fault));
    }

    private static byte[] readBody(HttpEntity entity) throws IOException {
        if (entity == null) {
            return EMPTY;
        }
        try (InputStream in = entity.getContent()) {
            return in == null ? EMPTY : in.readAllBytes();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error " + status;
        };
    }
}
