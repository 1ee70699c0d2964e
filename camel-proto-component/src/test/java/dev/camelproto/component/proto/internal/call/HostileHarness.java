package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.metrics.ProtoMetrics;
import dev.camelproto.component.proto.internal.ratelimit.TeamspaceGate;
import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.retry.RetryPolicy;
import dev.camelproto.component.proto.internal.time.Clock;
import dev.camelproto.component.proto.internal.time.FakeClock;
import dev.camelproto.component.proto.internal.transport.Attempt;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;
import dev.camelproto.component.proto.internal.transport.Transport;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;

/** A runtime on fake time with a hand-driven transport, built through reflection (its constructor is package-private). */
final class HostileHarness {

    static final class HandTransport implements Transport {
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();

        @Override
        public void execute(
                Attempt attempt,
                String method,
                HttpHost host,
                String pathAndQuery,
                byte[] body,
                Header authorization,
                RequestConfig config,
                long maxResponseSize) {
            attempts.add(attempt);
        }
    }

    final FakeClock clock = new FakeClock();
    final HandTransport transport = new HandTransport();
    final ProtoMetrics metrics = new ProtoMetrics();
    final ProtoRuntime runtime;
    final List<CallResult> results = new CopyOnWriteArrayList<>();

    HostileHarness() throws Exception {
        this(Runnable::run);
    }

    HostileHarness(Executor completions) throws Exception {
        Constructor<ProtoRuntime> c = ProtoRuntime.class.getDeclaredConstructor(
                Transport.class, Clock.class, Executor.class, Runnable.class, Runnable.class);
        c.setAccessible(true);
        runtime = c.newInstance(transport, clock, completions, (Runnable) () -> {}, (Runnable) () -> {});
    }

    EndpointClient endpoint(int maxRetries, long callTimeout) {
        return new EndpointClient(
                () -> runtime,
                "http://127.0.0.1:1/api",
                "T",
                ProtoHttpClient.authorization("s"),
                new EndpointClient.Timeouts(1000, 1000, 1000, callTimeout),
                new EndpointClient.Bounds(100, 100),
                1024,
                new RetryPolicy(maxRetries, 10, 1000, false),
                metrics);
    }

    void send(EndpointClient endpoint, String method) {
        endpoint.send(new ProtoRequest("op", method, "/x", null, null), results::add);
    }

    static TeamspaceGate gate(EndpointClient endpoint, ProtoRuntime rt) throws Exception {
        Object teamspace = teamspace(endpoint, rt);
        Field f = teamspace.getClass().getDeclaredField("gate");
        f.setAccessible(true);
        return (TeamspaceGate) f.get(teamspace);
    }

    static Object teamspace(EndpointClient endpoint, ProtoRuntime rt) throws Exception {
        Method m = EndpointClient.class.getDeclaredMethod("teamspace", ProtoRuntime.class);
        m.setAccessible(true);
        return m.invoke(endpoint, rt);
    }

    static int pending(EndpointClient endpoint, ProtoRuntime rt) throws Exception {
        Object teamspace = teamspace(endpoint, rt);
        Method m = teamspace.getClass().getDeclaredMethod("pending");
        m.setAccessible(true);
        return (int) m.invoke(teamspace);
    }
}
