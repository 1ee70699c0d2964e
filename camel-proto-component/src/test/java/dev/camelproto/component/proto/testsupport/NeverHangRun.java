package dev.camelproto.component.proto.testsupport;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.testsupport.ChaosServer.Arrival;
import dev.camelproto.component.proto.testsupport.ChaosServer.Move;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * One run of the "never a hang" invariant (issue 14): a {@link Scenario} (server script, calls, options, a stop/start
 * mid-run) played against a fresh Camel context whose proto component talks to a {@link ChaosServer}, then every
 * clause of the invariant checked. {@link #run} returns the violations (empty: the invariant held).
 *
 * <p>Time: each exchange's answer must come within {@code callTimeout + 1 s}, measured from just before
 * {@code process} to the callback. That second is the hang detector's slack, not a performance target; on a machine so
 * loaded that a second is not enough, {@code -Dproto.test.timeScale=N} multiplies it (documented in the user guide,
 * "Testing the component").
 */
public final class NeverHangRun {

    public static final String TEAMSPACE = "01HSWE652DMW6REJ1FB1135PRZ";
    public static final String OTHER_TEAMSPACE = "01HSWE652DMW6REJ1FB1135XYZ";
    public static final String SECRET = "tk_test_NeverHang";
    /** The slack over callTimeout, scaled by -Dproto.test.timeScale (default 1). */
    public static final long SLACK_MILLIS =
            Math.round(1000 * Double.parseDouble(System.getProperty("proto.test.timeScale", "1")));

    /** The operations a scenario can call (one per method and path shape, plus the multi-call upsert). */
    public enum Op {
        GET_CUSTOMER("customer/get", "GET"),
        LIST_FIELDS("customField/list", "GET"),
        CREATE_CUSTOMER("customer/create", "PUT"),
        ADD_TAGS("customer/addTags", "PUT"),
        DELETE_FIELD("customField/delete", "DELETE"),
        CREATE_TICKET("ticket/create", "POST"),
        CREATE_FIELD("customField/create", "POST"),
        UPSERT("customer/upsert", "PUT");

        final String uri;
        final String method;

        Op(String uri, String method) {
            this.uri = uri;
            this.method = method;
        }

        @Override
        public String toString() {
            return uri;
        }

        /** Headers and body for call {@code n} (POST bodies are unique per call, so a duplicate POST is visible). */
        void prepare(Exchange exchange, String n) {
            var in = exchange.getIn();
            switch (this) {
                case GET_CUSTOMER, ADD_TAGS, CREATE_CUSTOMER ->
                    in.setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "c" + n);
                case DELETE_FIELD -> in.setHeader(ProtoConstants.CUSTOM_FIELD_ID, "F" + n);
                case CREATE_TICKET -> {
                    in.setHeader(ProtoConstants.SUBJECT, "subject " + n);
                    in.setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "c" + n);
                }
                default -> {}
            }
            switch (this) {
                case ADD_TAGS -> in.setBody(List.of("vip"));
                case CREATE_CUSTOMER -> in.setBody(Map.of("name", "Customer " + n));
                case CREATE_FIELD -> in.setBody(Map.of("name", "field " + n, "type", "text"));
                case UPSERT ->
                    in.setBody(Map.of(
                            "provided_unique_id",
                            "c" + n,
                            "name",
                            "Customer " + n,
                            "tags",
                            List.of("vip"),
                            "custom_fields",
                            Map.of("Plan", "pro"))); // three calls
                default -> {}
            }
        }
    }

    /** {@code copies} exchanges of one operation, sent {@code atMillis} after the run starts. */
    public record Call(Op op, int copies, int atMillis) {
        @Override
        public String toString() {
            return op + (copies > 1 ? " x" + copies : "") + " @" + atMillis + "ms";
        }
    }

    public record Options(
            int maxRetries,
            boolean retryNonIdempotent,
            int callTimeoutMillis,
            int maxQueuedCalls,
            int retryDelayMillis,
            int retryMaxDelayMillis,
            int maxConnections) {
        String uriQuery() {
            return "maxRetries=" + maxRetries + "&retryNonIdempotent=" + retryNonIdempotent + "&callTimeout="
                    + callTimeoutMillis + "&maxQueuedCalls=" + maxQueuedCalls + "&retryDelay=" + retryDelayMillis
                    + "&retryMaxDelay=" + retryMaxDelayMillis + "&responseTimeout=60000&maxResponseSize="
                    + (ChaosServer.OVERSIZE_BYTES / 2);
        }

        @Override
        public String toString() {
            return "maxRetries=" + maxRetries + " retryNonIdempotent=" + retryNonIdempotent + " callTimeout="
                    + callTimeoutMillis + "ms maxQueuedCalls=" + maxQueuedCalls + " retryDelay=" + retryDelayMillis
                    + "ms retryMaxDelay=" + retryMaxDelayMillis + "ms maxConnections=" + maxConnections;
        }
    }

    /** A stop and start mid-run. */
    public record Lifecycle(Kind kind, int atMillis) {
        public enum Kind {
            NONE,
            COMPONENT,
            CONTEXT
        }

        public static final Lifecycle NONE = new Lifecycle(Kind.NONE, 0);

        @Override
        public String toString() {
            return kind == Kind.NONE ? "none" : "stop+start the " + kind.name().toLowerCase() + " @" + atMillis + "ms";
        }
    }

    /** What the route does with its thread after the proto call answered (the exchange's own thread then). */
    public enum RouteCode {
        /** Nothing: the exchange ends with the proto call. */
        NONE,
        /** A few milliseconds of CPU work. */
        CPU,
        /** Blocks on a nested proto call: a ProducerTemplate to a direct: route doing customer/get. */
        NESTED,
        /** Throws. */
        THROW
    }

    /** An observer of the component that throws, or reads it while calls run. */
    public enum Observer {
        /** A Micrometer registry whose MeterFilter throws for every proto.* meter. */
        THROWING_METERS,
        /** A Camel EventNotifier that throws on every event. */
        THROWING_NOTIFIER,
        /** A thread reading the producer health checks and the component's JMX getters while calls run. */
        HEALTH_READER
    }

    /**
     * The dimensions beyond the server and the calls: the exchanges go through a route (direct: to the proto call, then
     * {@code routeCode}) instead of straight to the producer; observers; the server's port closed after some
     * connections; and the truth oracle (every exchange carries a unique marker the server records).
     */
    public record Extras(RouteCode routeCode, java.util.Set<Observer> observers, int closePortAfter, boolean truth) {
        public static final Extras NONE = new Extras(null, java.util.Set.of(), -1, false);

        boolean viaRoute() {
            return routeCode != null;
        }

        @Override
        public String toString() {
            return "route code " + (routeCode == null ? "(no route)" : routeCode) + ", observers " + observers
                    + ", port " + (closePortAfter < 0 ? "open" : "closed after " + closePortAfter + " connection(s)")
                    + (truth ? ", truth oracle" : "");
        }
    }

    public record Scenario(List<Move> script, List<Call> calls, Options options, Lifecycle lifecycle, Extras extras) {
        public Scenario(List<Move> script, List<Call> calls, Options options, Lifecycle lifecycle) {
            this(script, calls, options, lifecycle, Extras.NONE);
        }

        int exchanges() {
            return calls.stream().mapToInt(Call::copies).sum();
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("\n  options  : ")
                    .append(options)
                    .append("\n  calls    : ")
                    .append(calls)
                    .append("\n  server   : ");
            for (int i = 0; i < script.size(); i++) {
                s.append(i == 0 ? "" : ", ").append('#').append(i).append(' ').append(script.get(i));
            }
            s.append(script.isEmpty() ? "" : ", ")
                    .append("then 200")
                    .append("\n  lifecycle: ")
                    .append(lifecycle);
            if (extras != Extras.NONE) {
                s.append("\n  extras   : ").append(extras);
            }
            return s.append('\n').toString();
        }
    }

    /** One exchange of the run. */
    public static final class Tracked {
        final Call call;
        final String id;
        final Exchange exchange;
        final AtomicInteger callbacks = new AtomicInteger();
        volatile long submittedAt;
        volatile long answeredAt;
        /** Through a route: when the route continued after the proto call (0: it did not, the call failed). */
        volatile long protoAnsweredAt;
        /** Through a route: the nested exchange its route code made (RouteCode.NESTED). */
        volatile Tracked nested;

        volatile String callbackThread;
        volatile Throwable processThrew;

        public Tracked(Call call, String id, Exchange exchange) {
            this.call = call;
            this.id = id;
            this.exchange = exchange;
        }

        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(answeredAt - submittedAt);
        }

        @Override
        public String toString() {
            return call.op() + " #" + id;
        }
    }

    /** Threads the component owns, by name: its pools (ProtoRetry, ProtoResponse...) and its HttpClient's reactor. */
    public static int componentThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(NeverHangRun::isComponentThread)
                .count();
    }

    public static boolean isComponentThread(String name) {
        return name.contains(" - Proto") || name.startsWith("Proto") || name.startsWith("httpclient-");
    }

    public static Map<String, Long> componentThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(NeverHangRun::isComponentThread)
                .collect(Collectors.groupingBy(n -> n.replaceAll("\\d+", "#"), Collectors.counting()));
    }

    private NeverHangRun() {}

    /** Plays the scenario and returns every violated clause of the invariant (empty when it held). */
    public static List<String> run(Scenario scenario) throws Exception {
        List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
        Options o = scenario.options();
        Extras x = scenario.extras();
        long bound = o.callTimeoutMillis() + SLACK_MILLIS;
        // through a route, an exchange ends after its route code: a nested proto call takes one more bound
        long routeBound = x.routeCode() == RouteCode.NESTED
                ? bound
                : x.routeCode() == RouteCode.CPU ? CPU_WORK_MILLIS + SLACK_MILLIS : 0;
        int baselineThreads = awaitThreadsAtMost(Integer.MAX_VALUE, 0);
        ChaosServer server = new ChaosServer(scenario.script(), x.closePortAfter());
        CamelContext context = new DefaultCamelContext();
        ScheduledExecutorService driver = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "never-hang-driver");
            t.setDaemon(true);
            return t;
        });
        List<Tracked> tracked = new ArrayList<>();
        List<Tracked> nested = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread reader = null;
        org.apache.camel.ProducerTemplate template = null;
        try {
            context.getShutdownStrategy().setTimeout(2);
            context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
            ProtoComponent proto = new ProtoComponent();
            proto.getConfiguration().setSubcompanyId(TEAMSPACE);
            proto.getConfiguration().setTakeoverSecret(SECRET);
            proto.getConfiguration().setBaseUrl(server.baseUrl());
            proto.setMaxConnections(o.maxConnections());
            // a bean in a registry that outlives the context, as Spring Boot users have it: a stopped and restarted
            // context finds the same configured component again (Camel drops addComponent'ed components and clears
            // its own bean registry when the context stops)
            ((org.apache.camel.support.DefaultRegistry) context.getRegistry())
                    .addBeanRepository(new OneBean("proto", proto));
            if (x.observers().contains(Observer.THROWING_METERS)) {
                ((org.apache.camel.support.DefaultRegistry) context.getRegistry())
                        .addBeanRepository(new OneBean("meters", throwingMeters()));
            }
            if (x.observers().contains(Observer.THROWING_NOTIFIER)) {
                context.getManagementStrategy().addEventNotifier(new org.apache.camel.support.EventNotifierSupport() {
                    @Override
                    public void notify(org.apache.camel.spi.CamelEvent event) {
                        // stackless: Camel logs each at WARN, and 128 exchanges' worth of stack traces on a console
                        // measure the console, not the component
                        throw new IllegalStateException("event notifier refuses " + event.getType(), null) {
                            @Override
                            public synchronized Throwable fillInStackTrace() {
                                return this;
                            }
                        };
                    }
                });
            }
            context.start();

            Map<Op, AsyncProducer> producers = new LinkedHashMap<>();
            if (x.viaRoute()) {
                template = context.createProducerTemplate();
                org.apache.camel.ProducerTemplate nestedCalls = template;
                context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                    @Override
                    public void configure() {
                        errorHandler(noErrorHandler());
                        for (Op op : scenario.calls().stream()
                                .map(Call::op)
                                .distinct()
                                .toList()) {
                            from("direct:call-" + op.name())
                                    .to("proto:" + op.uri + "?" + o.uriQuery())
                                    .process(e ->
                                            e.getProperty(TRACKED, Tracked.class).protoAnsweredAt = System.nanoTime())
                                    .process(e -> routeCode(x.routeCode(), e, nestedCalls, nested));
                        }
                        from("direct:nested").to("proto:" + Op.GET_CUSTOMER.uri + "?" + o.uriQuery());
                    }
                });
            }
            for (Call call : scenario.calls()) {
                if (!producers.containsKey(call.op())) {
                    AsyncProducer p = context.getEndpoint(
                                    x.viaRoute()
                                            ? "direct:call-" + call.op().name()
                                            : "proto:" + call.op().uri + "?" + o.uriQuery())
                            .createAsyncProducer();
                    ServiceHelper.startService(p);
                    producers.put(call.op(), p);
                }
            }
            int n = 0;
            for (Call call : scenario.calls()) {
                for (int c = 0; c < call.copies(); c++) {
                    String id = x.truth() ? marker(n++) : Integer.toString(n++);
                    Exchange exchange = new DefaultExchange(context);
                    call.op().prepare(exchange, id);
                    Tracked t = new Tracked(call, id, exchange);
                    exchange.setProperty(TRACKED, t);
                    tracked.add(t);
                }
            }
            if (x.observers().contains(Observer.HEALTH_READER)) {
                reader = new Thread(() -> readHealth(context, proto, reading, violations), "never-hang-health-reader");
                reader.setDaemon(true);
                reader.start();
            }
            long start = System.nanoTime();
            for (Tracked t : tracked) {
                AsyncProducer producer = producers.get(t.call.op());
                driver.schedule(
                        () -> {
                            t.submittedAt = System.nanoTime();
                            try {
                                producer.process(t.exchange, doneSync -> {
                                    t.answeredAt = System.nanoTime();
                                    t.callbackThread = Thread.currentThread().getName();
                                    t.callbacks.incrementAndGet();
                                });
                            } catch (Throwable e) {
                                t.processThrew = e;
                            }
                        },
                        t.call.atMillis(),
                        TimeUnit.MILLISECONDS);
            }
            var lifecycle = scenario.lifecycle().kind() == Lifecycle.Kind.NONE
                    ? null
                    : driver.schedule(
                            () -> {
                                if (scenario.lifecycle().kind() == Lifecycle.Kind.COMPONENT) {
                                    proto.stop();
                                    proto.start();
                                } else {
                                    context.stop();
                                    context.start();
                                }
                                return null;
                            },
                            scenario.lifecycle().atMillis(),
                            TimeUnit.MILLISECONDS);

            // wait for every answer, a little past its bound (so "late" and "never" can be told apart)
            int lastAt =
                    scenario.calls().stream().mapToInt(Call::atMillis).max().orElse(0);
            long giveUp = start + TimeUnit.MILLISECONDS.toNanos(lastAt + bound + routeBound + 1000);
            while (System.nanoTime() - giveUp < 0 && tracked.stream().anyMatch(t -> t.callbacks.get() == 0)) {
                Thread.sleep(5);
            }
            if (lifecycle != null) {
                try {
                    lifecycle.get(
                            Math.max(0, TimeUnit.NANOSECONDS.toMillis(giveUp - System.nanoTime())) + 5000,
                            TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    violations.add("the " + scenario.lifecycle() + " did not return within 5 s of the last bound");
                } catch (java.util.concurrent.ExecutionException e) {
                    violations.add("the " + scenario.lifecycle() + " failed: " + e.getCause());
                }
            }

            for (Tracked t : tracked) {
                if (t.processThrew != null) {
                    violations.add(t + ": process() threw " + t.processThrew);
                } else if (t.callbacks.get() == 0) {
                    violations.add(t + ": NO ANSWER after " + (lastAt + bound + routeBound + 1000)
                            + " ms (bound callTimeout " + o.callTimeoutMillis() + " ms + " + SLACK_MILLIS
                            + " ms" + (routeBound > 0 ? ", then route code " + x.routeCode() : "") + ")");
                } else if (x.viaRoute()) {
                    long protoMillis = TimeUnit.NANOSECONDS.toMillis(
                            (t.protoAnsweredAt != 0 ? t.protoAnsweredAt : t.answeredAt) - t.submittedAt);
                    if (protoMillis > bound) {
                        violations.add(t + ": the proto call answered after " + protoMillis + " ms > callTimeout "
                                + o.callTimeoutMillis() + " ms + " + SLACK_MILLIS + " ms ("
                                + describe(t.exchange) + ")");
                    } else if (t.millis() > bound + routeBound) {
                        violations.add(t + ": the exchange ended after " + t.millis() + " ms > " + (bound + routeBound)
                                + " ms (its proto call " + protoMillis + " ms, then route code " + x.routeCode()
                                + ")");
                    }
                } else if (t.millis() > bound) {
                    violations.add(t + ": answered after " + t.millis() + " ms > callTimeout " + o.callTimeoutMillis()
                            + " ms + " + SLACK_MILLIS + " ms (" + describe(t.exchange) + ")");
                }
                String thread = t.callbackThread;
                if (thread != null && thread.startsWith("httpclient-")) {
                    violations.add(t + ": callback ran on the HttpClient I/O thread " + thread);
                }
            }
            for (Tracked t : nested) {
                if (t.millis() > bound) {
                    violations.add(t + ": the nested proto call was answered after " + t.millis() + " ms > callTimeout "
                            + o.callTimeoutMillis() + " ms + " + SLACK_MILLIS + " ms (" + describe(t.exchange)
                            + ")");
                }
            }

            // no POST the server may have acted on was sent again (unless retryNonIdempotent)
            if (!o.retryNonIdempotent()) {
                Map<String, List<Arrival>> posts = server.arrivals().stream()
                        .filter(a -> a.method().equals("POST"))
                        .collect(Collectors.groupingBy(
                                a -> a.path() + " " + a.body(), LinkedHashMap::new, Collectors.toList()));
                posts.forEach((request, arrivals) -> {
                    arrivals.sort(java.util.Comparator.comparingInt(Arrival::connection));
                    for (int i = 0; i < arrivals.size() - 1; i++) {
                        if (arrivals.get(i).move().processes()) {
                            violations.add("POST sent again after the server acted on it (connection #"
                                    + arrivals.get(i).connection() + " played '"
                                    + arrivals.get(i).move()
                                    + "', resent on #" + arrivals.get(i + 1).connection() + "): " + request);
                            break;
                        }
                    }
                });
            }

            // no request left hanging on a connection once every exchange is answered (idle pooled connections are
            // fine while the component runs; they are checked after the stop)
            server.endScript();
            if (tracked.stream().allMatch(t -> t.callbacks.get() > 0)) {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2 * SLACK_MILLIS);
                while (server.requestsInProgress() > 0 && System.nanoTime() - until < 0) {
                    Thread.sleep(10);
                }
                if (server.requestsInProgress() > 0) {
                    violations.add(server.requestsInProgress() + " request(s) still on the wire " + 2 * SLACK_MILLIS
                            + " ms after every exchange was answered (abandoned, not cancelled)");
                }
            }
            reading.set(false);
            if (reader != null) {
                reader.join(5000);
            }

            // every answer is true to what the server did (the oracle: the server's record of what it read)
            if (x.truth()) {
                List<Tracked> all = new ArrayList<>(tracked);
                all.addAll(nested);
                violations.addAll(TruthOracle.check(all, server));
            }

            // the component still works after whatever happened (a stop/start in particular): a call to another
            // teamspace (so a 429 back-off the script started on the first one, legitimately, does not hold it)
            long checkBudget = 10 * SLACK_MILLIS;
            AsyncProducer check = context.getEndpoint("proto:customField/list?subcompanyId=" + OTHER_TEAMSPACE
                            + "&callTimeout=" + checkBudget + "&maxRetries=0")
                    .createAsyncProducer();
            ServiceHelper.startService(check);
            Exchange probe = new DefaultExchange(context);
            java.util.concurrent.CountDownLatch probed = new java.util.concurrent.CountDownLatch(1);
            check.process(probe, doneSync -> probed.countDown());
            if (!probed.await(checkBudget + SLACK_MILLIS, TimeUnit.MILLISECONDS)) {
                violations.add("after the run, a customField/list to a server answering 200 got no answer");
            } else if (probe.getException() != null) {
                violations.add(
                        "after the run, a customField/list to a server answering 200 failed: " + probe.getException());
            }
            ServiceHelper.stopService(check);
            ServiceHelper.stopService(producers.values());
        } finally {
            reading.set(false);
            if (template != null) {
                template.close();
            }
            context.stop();
            driver.shutdownNow();
            // the stopped component closed every connection it had opened
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2 * SLACK_MILLIS);
            while (server.openConnections() > 0 && System.nanoTime() - until < 0) {
                Thread.sleep(10);
            }
            if (server.openConnections() > 0) {
                violations.add(server.openConnections() + " connection(s) still open " + 2 * SLACK_MILLIS
                        + " ms after the component stopped");
            }
            server.close();
        }
        for (Tracked t : tracked) {
            if (t.callbacks.get() > 1) {
                violations.add(t + ": callback ran " + t.callbacks.get() + " times");
            }
        }
        int after = awaitThreadsAtMost(baselineThreads, 5 * SLACK_MILLIS);
        if (after > baselineThreads) {
            violations.add("component threads after stop: " + after + " > baseline " + baselineThreads + " "
                    + componentThreadNames());
        }
        return new ArrayList<>(violations);
    }

    /** The exchange property holding an exchange's {@link Tracked}. */
    public static final String TRACKED = "neverHang.tracked";
    /** How long RouteCode.CPU computes. */
    public static final long CPU_WORK_MILLIS = 5;

    /** The unique marker of exchange {@code n}: in its path or body, so the server's record tells its requests. */
    public static String marker(int n) {
        return "mk" + n + "z";
    }

    /** What the route does after the proto call answered, on the thread the route continues on. */
    public static void routeCode(
            RouteCode code, Exchange exchange, org.apache.camel.ProducerTemplate template, List<Tracked> nested) {
        switch (code) {
            case NONE -> {}
            case CPU -> {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CPU_WORK_MILLIS);
                long x = 1;
                while (System.nanoTime() - until < 0) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                exchange.setProperty("neverHang.cpu", x);
            }
            case NESTED -> {
                Tracked outer = exchange.getProperty(TRACKED, Tracked.class);
                Exchange inner = new DefaultExchange(exchange.getContext());
                String id = outer.id.startsWith("mk")
                        ? outer.id.substring(0, outer.id.length() - 1) + "iz"
                        : outer.id + "-nested";
                Op.GET_CUSTOMER.prepare(inner, id);
                Tracked t = new Tracked(new Call(Op.GET_CUSTOMER, 1, 0), id, inner);
                inner.setProperty(TRACKED, t);
                outer.nested = t;
                nested.add(t);
                t.submittedAt = System.nanoTime();
                template.send("direct:nested", inner); // blocks this thread until the nested call is answered
                t.answeredAt = System.nanoTime();
                t.callbacks.incrementAndGet();
            }
            case THROW -> throw new RouteCodeFailure();
        }
    }

    /** What RouteCode.THROW throws. */
    public static final class RouteCodeFailure extends RuntimeException {
        RouteCodeFailure() {
            super("route code after the proto call failed", null, false, false);
        }
    }

    /** A Micrometer registry whose filter refuses every proto.* meter (by throwing). */
    static io.micrometer.core.instrument.MeterRegistry throwingMeters() {
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        meters.config().meterFilter(new io.micrometer.core.instrument.config.MeterFilter() {
            @Override
            public io.micrometer.core.instrument.Meter.Id map(io.micrometer.core.instrument.Meter.Id id) {
                if (id.getName().startsWith("proto.")) {
                    throw new IllegalStateException("meter refused by policy: " + id.getName());
                }
                return id;
            }
        });
        return meters;
    }

    /** Reads the health checks and the component's JMX getters until told to stop; a read that throws: a violation. */
    public static void readHealth(
            CamelContext context,
            ProtoComponent proto,
            java.util.concurrent.atomic.AtomicBoolean go,
            List<String> violations) {
        int failures = 0;
        while (go.get() && failures < 3) {
            try {
                var producers =
                        org.apache.camel.health.HealthCheckHelper.getHealthCheckRepository(context, "producers");
                if (producers != null) {
                    producers.setEnabled(true);
                }
                org.apache.camel.health.HealthCheckHelper.invoke(context);
                long sum = proto.getCallsTotal()
                        + proto.getCallsSucceeded()
                        + proto.getCallsFailed()
                        + proto.getRetries()
                        + proto.getRateLimitPauses()
                        + proto.getCallsInFlight();
                if (sum < 0) {
                    violations.add("the component's JMX counters read negative: " + sum);
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                if (context.isStarted()) { // a read racing a stop/start may find the context stopping
                    failures++;
                    violations.add("reading the health checks or JMX getters while calls run threw " + e);
                }
            }
        }
    }

    /** A bean repository holding one bean, never cleared (Spring's application context, in short). */
    public record OneBean(String name, Object bean) implements org.apache.camel.spi.BeanRepository {
        @Override
        public Object lookupByName(String n) {
            return name.equals(n) ? bean : null;
        }

        @Override
        public <T> T lookupByNameAndType(String n, Class<T> type) {
            return name.equals(n) && type.isInstance(bean) ? type.cast(bean) : null;
        }

        @Override
        public <T> Map<String, T> findByTypeWithName(Class<T> type) {
            return type.isInstance(bean) ? Map.of(name, type.cast(bean)) : Map.of();
        }

        @Override
        public <T> java.util.Set<T> findByType(Class<T> type) {
            return type.isInstance(bean) ? java.util.Set.of(type.cast(bean)) : java.util.Set.of();
        }
    }

    /** Waits up to {@code millis} for the component's thread count to drop to {@code max}; returns the count. */
    public static int awaitThreadsAtMost(int max, long millis) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int count = componentThreads();
        while (count > max && System.nanoTime() - until < 0) {
            Thread.sleep(10);
            count = componentThreads();
        }
        return count;
    }

    public static String describe(Exchange exchange) {
        Exception e = exchange.getException();
        return e == null
                ? "HTTP " + exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
