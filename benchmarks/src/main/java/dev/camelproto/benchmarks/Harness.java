package dev.camelproto.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.simulator.ProtoSimulator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;

/**
 * The three clients against one simulator: A (camel-proto route), B (camel-http + camel-jackson route), C (plain
 * HttpClient 5 async), plus the two drivers (N caller threads; an async driver keeping N in flight).
 */
public final class Harness implements AutoCloseable {

    public static final String CUSTOMER = "bench-customer-1";
    public static final List<String> TAGS = List.of("vip");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One call's outcome: 2xx or not, and the failure kind (exception class or status) when not. */
    public record Outcome(boolean ok, String failure) {
        static final Outcome OK = new Outcome(true, null);
    }

    /** One async call: start it, report exactly once through done. */
    public interface AsyncCall {
        void start(int i, java.util.function.Consumer<Outcome> done);
    }

    /** One blocking call. */
    public interface SyncCall {
        Outcome call(int i);
    }

    private final ProtoSimulator sim;
    private final CamelContext camel;
    private final ProducerTemplate template;
    private final CloseableHttpAsyncClient direct;
    private final String addTagsUrl;

    /**
     * @param pool the connection pool size of A, B and C alike (and the thread pool of B's async entry route)
     */
    public Harness(ProtoSimulator sim, int pool) throws Exception {
        this.sim = sim;
        this.addTagsUrl = sim.baseUrl() + "/v1/customers/" + sim.subcompanyId() + "/customer/" + CUSTOMER + "/add-tags";
        this.camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(sim.subcompanyId());
        proto.getConfiguration().setTakeoverSecret(sim.secret());
        proto.getConfiguration().setBaseUrl(sim.baseUrl());
        proto.setMaxConnections(pool);
        camel.addComponent("proto", proto);
        HttpComponent http = new HttpComponent();
        http.setMaxTotalConnections(pool);
        http.setConnectionsPerRoute(pool);
        camel.addComponent("http", http);
        String secret = sim.secret();
        String peerUrl =
                sim.baseUrl() + "/v1/customers/" + sim.subcompanyId() + "/customer/${exchangeProperty.puid}/add-tags";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // A: camel-proto
                from("direct:a")
                        .routeId("A")
                        .setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, exchangeProperty("puid"))
                        .to("proto:customer/addTags?createIfNotExists=true");
                // A, mixed operations: the driver sets CamelProtoOperation (addTags / get alternately)
                from("direct:a-mixed")
                        .routeId("A-mixed")
                        .setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, exchangeProperty("puid"))
                        .to("proto:customer/addTags?createIfNotExists=true");
                // B: what a Camel user writes today without camel-proto
                from("direct:b")
                        .routeId("B")
                        .process(e -> e.getMessage()
                                .setBody(Map.of("tags", e.getMessage().getBody(), "create_if_not_exists", true)))
                        .marshal()
                        .json(JsonLibrary.Jackson)
                        .removeHeaders("*")
                        .setHeader("Authorization", constant("Bearer " + secret))
                        .setHeader(Exchange.HTTP_METHOD, constant("PUT"))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .setHeader("Accept", constant("application/json"))
                        .toD(peerUrl)
                        .unmarshal()
                        .json(JsonLibrary.Jackson);
                // B behind a thread pool: camel-http blocks its caller, so N exchanges in flight need N threads
                from("direct:b-async")
                        .routeId("B-async")
                        .threads(pool, pool)
                        .maxQueueSize(-1)
                        .to("direct:b");
                from("direct:create").to("proto:customer/create");
            }
        });
        camel.start();
        this.template = camel.createProducerTemplate();
        // a real customer, so addTags answers 200
        template.send("direct:create", e -> {
                    e.getMessage().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, CUSTOMER);
                    e.getMessage().setBody(Map.of("name", "Bench Customer", "email", "bench@example.com"));
                })
                .getMessage();
        this.direct = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(pool)
                        .setMaxConnPerRoute(pool)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        direct.start();
    }

    public ProtoSimulator simulator() {
        return sim;
    }

    public CamelContext camel() {
        return camel;
    }

    public ProducerTemplate template() {
        return template;
    }

    // ---------------------------------------------------------------- calls

    static Outcome outcome(Exchange e) {
        if (e.getException() != null) {
            Exception ex = e.getException();
            String status = String.valueOf(e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            return new Outcome(false, ex.getClass().getSimpleName() + (status.equals("null") ? "" : "/" + status));
        }
        Integer code = e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (code == null || code < 200 || code > 299) {
            return new Outcome(false, "status " + code);
        }
        return Outcome.OK;
    }

    private void prepare(Exchange e, int i, boolean mixed) {
        e.setProperty("puid", CUSTOMER);
        e.getMessage().setBody(TAGS);
        if (mixed) {
            e.getMessage().setHeader(ProtoConstants.OPERATION, (i & 1) == 0 ? "customer/addTags" : "customer/get");
        }
    }

    /** Blocking call through a route ("direct:a", "direct:a-mixed", "direct:b"). */
    public SyncCall sync(String routeUri) {
        Endpoint ep = camel.getEndpoint(routeUri);
        boolean mixed = routeUri.endsWith("mixed");
        return i -> outcome(template.send(ep, e -> prepare(e, i, mixed)));
    }

    /** Non-blocking call through a route with the async routing engine (an AsyncProducer on direct:). */
    public AsyncCall async(String routeUri) throws Exception {
        Endpoint ep = camel.getEndpoint(routeUri);
        AsyncProducer producer = ep.createAsyncProducer();
        producer.start();
        boolean mixed = routeUri.endsWith("mixed");
        return (i, done) -> {
            Exchange e = ep.createExchange();
            prepare(e, i, mixed);
            producer.process(e, doneSync -> done.accept(outcome(e)));
        };
    }

    /** C: HttpClient 5 async, same request (Jackson-encoded body, Bearer header), response decoded with Jackson. */
    public AsyncCall direct() {
        String auth = "Bearer " + sim.secret();
        return (i, done) -> {
            byte[] body;
            try {
                body = MAPPER.writeValueAsBytes(Map.of("tags", TAGS, "create_if_not_exists", true));
            } catch (Exception ex) {
                done.accept(new Outcome(false, ex.getClass().getSimpleName()));
                return;
            }
            SimpleHttpRequest req = SimpleRequestBuilder.put(addTagsUrl)
                    .setHeader("Authorization", auth)
                    .setHeader("Accept", "application/json")
                    .setBody(body, ContentType.APPLICATION_JSON)
                    .build();
            direct.execute(req, new FutureCallback<SimpleHttpResponse>() {
                @Override
                public void completed(SimpleHttpResponse r) {
                    try {
                        MAPPER.readValue(r.getBodyBytes(), Object.class);
                    } catch (Exception ex) {
                        done.accept(new Outcome(false, "decode"));
                        return;
                    }
                    done.accept(
                            r.getCode() >= 200 && r.getCode() < 300
                                    ? Outcome.OK
                                    : new Outcome(false, "status " + r.getCode()));
                }

                @Override
                public void failed(Exception ex) {
                    done.accept(new Outcome(false, ex.getClass().getSimpleName()));
                }

                @Override
                public void cancelled() {
                    done.accept(new Outcome(false, "cancelled"));
                }
            });
        };
    }

    /** C, blocking (for JMH at concurrency 1). */
    public SyncCall directSync() {
        AsyncCall c = direct();
        return i -> {
            java.util.concurrent.CompletableFuture<Outcome> f = new java.util.concurrent.CompletableFuture<>();
            c.start(i, f::complete);
            try {
                return f.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException ex) {
                return new Outcome(false, ex.getClass().getSimpleName());
            }
        };
    }

    // ---------------------------------------------------------------- drivers

    /** N caller threads, each doing blocking calls until {@code calls} are done. */
    public static RunResult runThreads(String client, int n, int calls, SyncCall call) throws InterruptedException {
        RunResult.Builder rb = new RunResult.Builder(client, n, calls);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[n];
        for (int t = 0; t < n; t++) {
            threads[t] = new Thread(
                    () -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        int i;
                        while ((i = next.getAndIncrement()) < calls) {
                            Outcome o;
                            try {
                                o = call.call(i);
                            } catch (RuntimeException ex) {
                                o = new Outcome(false, ex.getClass().getSimpleName());
                            }
                            rb.record(o);
                        }
                    },
                    "bench-caller-" + t);
            threads[t].start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return rb.build(System.nanoTime() - t0);
    }

    /** One driver thread that keeps {@code n} calls in flight (a semaphore), until {@code calls} are done. */
    public static RunResult runAsync(String client, int n, int calls, AsyncCall call) throws InterruptedException {
        RunResult.Builder rb = new RunResult.Builder(client, n, calls);
        Semaphore inFlight = new Semaphore(n);
        CountDownLatch all = new CountDownLatch(calls);
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            inFlight.acquire();
            java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.function.Consumer<Outcome> done = o -> {
                if (once.compareAndSet(false, true)) {
                    rb.record(o);
                    inFlight.release();
                    all.countDown();
                }
            };
            try {
                call.start(i, done);
            } catch (RuntimeException ex) {
                done.accept(new Outcome(false, ex.getClass().getSimpleName()));
            }
        }
        if (!all.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(client + ": calls did not complete in 5 minutes");
        }
        return rb.build(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        direct.close(CloseMode.GRACEFUL);
        try {
            camel.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
