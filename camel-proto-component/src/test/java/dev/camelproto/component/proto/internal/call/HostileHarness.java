package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.metrics.ProtoMetrics;
import dev.camelproto.component.proto.internal.ratelimit.TeamspaceGate;
import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.retry.RetryPolicy;
import dev.camelproto.component.proto.internal.time.FakeClock;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** A runtime on fake time with a hand-driven transport ({@link FakeTransport}) and a results list. */
final class HostileHarness {

    final FakeClock clock = new FakeClock();
    final FakeTransport transport = new FakeTransport();
    final ProtoMetrics metrics = new ProtoMetrics();
    final ProtoRuntime runtime;
    final List<CallResult> results = new CopyOnWriteArrayList<>();

    HostileHarness() throws Exception {
        this(Runnable::run);
    }

    HostileHarness(Executor completions) throws Exception {
        runtime = new ProtoRuntime(transport, clock, completions, () -> {}, () -> {});
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
