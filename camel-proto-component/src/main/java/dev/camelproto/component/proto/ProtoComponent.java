package dev.camelproto.component.proto;

import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.internal.metrics.CallObserver;
import dev.camelproto.component.proto.internal.call.ComponentStoppedException;
import dev.camelproto.component.proto.internal.request.JsonMappers;
import dev.camelproto.component.proto.internal.metrics.MicrometerSupport;
import dev.camelproto.component.proto.internal.call.ProtoApi;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;
import dev.camelproto.component.proto.internal.metrics.ProtoMetrics;
import dev.camelproto.component.proto.internal.request.ProtoOperation;
import dev.camelproto.component.proto.internal.call.ProtoRuntime;
import dev.camelproto.component.proto.internal.retry.RetryPolicy;
import dev.camelproto.component.proto.SensitiveKeywordsPlugin;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.URISupport;
import org.apache.camel.util.concurrent.CamelThreadFactory;

/**
 * The {@code proto:} component: one pooled asynchronous HTTP client per component instance, shared by its endpoints,
 * with the threads that complete and retry calls, the shared 429 back-off per teamspace and the call counters; all
 * started and stopped with the component. Its counters are on JMX (this class) and the {@code proto} dev console.
 */
@Component("proto")
@ManagedResource(description = "Managed Proto AICX component")
public class ProtoComponent extends HealthCheckComponent {

    @Metadata(description = "The options shared by all endpoints of this component; an endpoint overrides any of"
                            + " them.")
    private ProtoConfiguration configuration = new ProtoConfiguration();

    // the values live in the configuration; these fields carry the catalog metadata (required here, not per endpoint)
    @Metadata(required = true,
              description = "The teamspace (sub-company) id, shown on the teamspace settings page.")
    @SuppressWarnings("unused")
    private String subcompanyId;

    @Metadata(required = true, label = "security", secret = true,
              description = "The takeover secret of the teamspace, sent as the Bearer token. Set it from a property"
                            + " placeholder or the environment, never in a route.")
    @SuppressWarnings("unused")
    private String takeoverSecret;

    @Metadata(label = "advanced", defaultValue = "64",
              description = "The most concurrent connections (and so in-flight requests) to the API host, for the"
                            + " whole component. More requests than that wait for a free connection without holding"
                            + " a thread.")
    private int maxConnections = 64;

    @Metadata(label = "security",
              description = "TLS settings (trust store, key store, protocols) for the connection to the API, for the"
                            + " whole component.")
    private SSLContextParameters sslContextParameters;

    @Metadata(label = "advanced",
              description = "A hook to customise the Apache HttpClient 5 async client (proxy, interceptors,"
                            + " metrics) after the component applied its settings.")
    private ProtoHttpClientConfigurer httpClientConfigurer;

    private final ProtoMetrics metrics = new ProtoMetrics();
    /** What the current start owns (client, pools, gates, calls in flight); null while stopped. */
    private volatile ProtoRuntime runtime;
    private volatile ProtoHttpClient httpClient;
    private volatile ObjectMapper objectMapper;
    private volatile JsonMappers jsonMappers;
    private volatile ThreadPoolExecutor responseExecutor;
    private volatile ScheduledThreadPoolExecutor scheduler;
    private volatile CallObserver micrometer;

    public ProtoComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ProtoOperation operation = ProtoOperation.lookup(remaining);
        if (operation == null) {
            throw new IllegalArgumentException("Unknown Proto operation '" + remaining + "' in "
                                               + URISupport.sanitizeUri(uri) + ". Valid operations: "
                                               + ProtoOperation.names().replace(",", ", "));
        }
        ProtoEndpoint endpoint = new ProtoEndpoint(URISupport.sanitizeUri(uri), this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        validate(endpoint.getConfiguration());
        return endpoint;
    }

    static void validate(ProtoConfiguration config) {
        if (ObjectHelper.isEmpty(config.getSubcompanyId())) {
            throw new IllegalArgumentException("The option subcompanyId is required: set it on the proto component"
                                               + " (camel.component.proto.subcompany-id) or on the endpoint");
        }
        if (ObjectHelper.isEmpty(config.getTakeoverSecret())) {
            throw new IllegalArgumentException("The option takeoverSecret is required: set it on the proto"
                                               + " component (camel.component.proto.takeover-secret, ideally from a"
                                               + " property placeholder or environment variable)");
        }
        String base = config.getBaseUrl();
        if (ObjectHelper.isEmpty(base) || !(base.startsWith("http://") || base.startsWith("https://"))) {
            throw new IllegalArgumentException("The option baseUrl must be an http:// or https:// URL, e.g. "
                                               + ProtoConfiguration.DEFAULT_BASE_URL);
        }
        String host;
        try {
            host = URI.create(base).getHost();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The option baseUrl is not a valid URL: " + e.getMessage());
        }
        if (host == null) {
            throw new IllegalArgumentException("The option baseUrl has no host: " + base);
        }
        if (base.startsWith("http://") && !config.isAllowInsecureHttp() && !isLoopback(host)) {
            throw new IllegalArgumentException("The option baseUrl (" + base + ") is plain http:// to a host that is"
                                               + " not loopback: the takeover secret would travel in clear. Use"
                                               + " https://, or set allowInsecureHttp=true if this is intended");
        }
        new RetryPolicy(config.getMaxRetries(), config.getRetryDelay(), config.getRetryMaxDelay(),
                config.isRetryNonIdempotent()); // validates the retry options
        if (config.getMaxResponseSize() < 1) {
            throw new IllegalArgumentException("The option maxResponseSize must be at least 1 byte");
        }
        if (config.getCallTimeout() < 1) {
            throw new IllegalArgumentException("The option callTimeout must be at least 1 ms (it bounds every"
                                               + " exchange), was " + config.getCallTimeout());
        }
        if (config.getConnectionRequestTimeout() < 1) {
            throw new IllegalArgumentException("The option connectionRequestTimeout must be at least 1 ms, was "
                                               + config.getConnectionRequestTimeout());
        }
        if (config.getConnectTimeout() < 1 || config.getResponseTimeout() < 1) {
            throw new IllegalArgumentException("The options connectTimeout and responseTimeout must be at least 1 ms");
        }
        if (config.getMaxQueuedCalls() < 1) {
            throw new IllegalArgumentException("The option maxQueuedCalls must be at least 1, was "
                                               + config.getMaxQueuedCalls());
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = h.contains(":") || h.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        if (!literal) {
            return false; // never resolve a name here: only literal loopback addresses count
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        SensitiveKeywordsPlugin.register(getCamelContext());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Set<ObjectMapper> mappers = getCamelContext().getRegistry().findByType(ObjectMapper.class);
        objectMapper = mappers.size() == 1 ? mappers.iterator().next() : new ObjectMapper();
        jsonMappers = JsonMappers.of(objectMapper);
        SSLContext sslContext = sslContextParameters != null
                ? sslContextParameters.createSSLContext(getCamelContext()) : null;
        ProtoHttpClient client = new ProtoHttpClient(maxConnections, sslContext, httpClientConfigurer);
        // Camel's default thread-pool profile caps queues at 1,000 and then runs the task on the caller (an HttpClient
        // I/O thread) or rejects a timer: both are wrong here, so these two pools have policies of their own (named
        // by Camel's thread name pattern, shut down by doStop).
        String pattern = getCamelContext().getExecutorServiceManager().getThreadNamePattern();
        // Completions (route code continues on these threads): a fixed pool whose queue is unbounded, so it never
        // rejects while running and route code never runs on an I/O thread at any load (the queue holds at most one
        // task per call in flight). Once shut down, a late completion (a call that finished just as the component
        // stopped) runs on a new thread of its own: no callback is lost and none runs on an I/O thread.
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        ThreadFactory responseThreads = new CamelThreadFactory(pattern, "ProtoResponse", true);
        responseExecutor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                responseThreads, (task, pool) -> responseThreads.newThread(task).start());
        // Timers (retry waits, callTimeout deadlines, gate ticks): one thread, an unbounded delay queue holding at most
        // two timers per call in flight plus one per teamspace, cancelled timers removed at once; it rejects only after
        // shutdown, and every caller turns that rejection into a "component stopped" failure of its call.
        scheduler = new ScheduledThreadPoolExecutor(1, new CamelThreadFactory(pattern, "ProtoRetry", true),
                (task, pool) -> {
                    throw new RejectedExecutionException("the proto component is stopped");
                });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        client.start();
        httpClient = client;
        runtime = new ProtoRuntime(client, scheduler, responseExecutor, metrics::paused);
        // the proto.* meters, when Micrometer is on the class path and a MeterRegistry in the Camel registry
        micrometer = MicrometerSupport.bind(getCamelContext(), metrics);
    }

    @Override
    protected void doStop() throws Exception {
        ComponentStoppedException stopped = new ComponentStoppedException("the proto component is stopped");
        ProtoRuntime rt = runtime;
        runtime = null; // calls started from now on fail with "not started"; endpoints bind the next start's runtime
        if (rt != null) {
            long timeoutMillis = Math.min(30_000, getCamelContext().getShutdownStrategy().getTimeUnit()
                    .toMillis(getCamelContext().getShutdownStrategy().getTimeout()));
            rt.stop(timeoutMillis, stopped);
        }
        ProtoHttpClient client = httpClient;
        httpClient = null;
        if (client != null) {
            client.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow(); // every call already finished: the timers left are cancelled ones
            scheduler = null;
        }
        if (responseExecutor != null) {
            responseExecutor.shutdown(); // queued completions still run
            responseExecutor = null;
        }
        if (micrometer != null) {
            metrics.setObserver(null);
            micrometer.close();
            micrometer = null;
        }
        super.doStop();
    }

    /** The current start's runtime, or null while stopped. */
    ProtoRuntime runtime() {
        return runtime;
    }

    /** The call context of one endpoint configuration: bound when the endpoint starts. */
    ProtoApi bind(ProtoConfiguration config) {
        return bind(config, new RetryPolicy(config.getMaxRetries(), config.getRetryDelay(), config.getRetryMaxDelay(),
                config.isRetryNonIdempotent()));
    }

    ProtoApi bind(ProtoConfiguration config, RetryPolicy retryPolicy) {
        return new ProtoApi(this::runtime, config.getBaseUrl(), config.getSubcompanyId(),
                ProtoHttpClient.authorization(config.getTakeoverSecret()),
                new ProtoApi.Timeouts(config.getConnectTimeout(), config.getResponseTimeout(),
                        config.getConnectionRequestTimeout(), config.getCallTimeout()),
                config.getMaxResponseSize(), config.getMaxQueuedCalls(), retryPolicy, metrics);
    }

    /** The teamspace gates the current start still holds (for tests); 0 while stopped. */
    int gateCount() {
        ProtoRuntime rt = runtime;
        return rt == null ? 0 : rt.gateCount();
    }

    private record SharedCheck(ProtoProducerHealthCheck check, int users) {
    }

    private final Map<String, SharedCheck> healthChecks = new ConcurrentHashMap<>();

    /** The producer health check of this endpoint configuration, shared by every endpoint with the same one. */
    ProtoProducerHealthCheck acquireHealthCheck(ProtoConfiguration config) {
        String key = healthCheckKey(config);
        return healthChecks.compute(key, (k, shared) -> {
            if (shared != null) {
                return new SharedCheck(shared.check(), shared.users() + 1);
            }
            String id = "proto-" + config.getSubcompanyId()
                        + (ProtoConfiguration.DEFAULT_BASE_URL.equals(config.getBaseUrl())
                                ? "" : "@" + URI.create(config.getBaseUrl()).getAuthority());
            ProtoApi api = bind(config, RetryPolicy.NONE);
            return new SharedCheck(new ProtoProducerHealthCheck(id, api, config.getSubcompanyId(),
                    config.getTakeoverSecret(), config.getConnectTimeout() + config.getResponseTimeout() + 1_000), 1);
        }).check();
    }

    /** Returns true when the last endpoint of that configuration released it (so it leaves the repository). */
    boolean releaseHealthCheck(ProtoConfiguration config) {
        String key = healthCheckKey(config);
        boolean[] last = new boolean[1];
        healthChecks.computeIfPresent(key, (k, shared) -> {
            last[0] = shared.users() <= 1;
            return last[0] ? null : new SharedCheck(shared.check(), shared.users() - 1);
        });
        return last[0];
    }

    private static String healthCheckKey(ProtoConfiguration config) {
        return config.getBaseUrl() + "|" + config.getSubcompanyId() + "|"
               + Integer.toHexString(String.valueOf(config.getTakeoverSecret()).hashCode());
    }

    ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    JsonMappers getJsonMappers() {
        return jsonMappers;
    }

    /** The component's call counters (also on JMX and the proto dev console). */
    public ProtoMetrics getMetrics() {
        return metrics;
    }

    @ManagedAttribute(description = "Calls started (all operations)")
    public long getCallsTotal() {
        return metrics.totalCalls();
    }

    @ManagedAttribute(description = "Calls that succeeded")
    public long getCallsSucceeded() {
        return metrics.totalSucceeded();
    }

    @ManagedAttribute(description = "Calls that failed (4xx, 5xx or transport)")
    public long getCallsFailed() {
        return metrics.totalFailed();
    }

    @ManagedAttribute(description = "Retries sent")
    public long getRetries() {
        return metrics.totalRetries();
    }

    @ManagedAttribute(description = "Shared 429 back-off pauses")
    public long getRateLimitPauses() {
        return metrics.rateLimitPauses();
    }

    @ManagedAttribute(description = "Calls in flight (including those waiting for a retry)")
    public int getCallsInFlight() {
        return metrics.totalInFlight();
    }

    @ManagedOperation(description = "Counters per operation, as text")
    public String dumpStatistics() {
        return metrics.byOperation().toString();
    }

    public ProtoConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ProtoConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getSubcompanyId() {
        return configuration.getSubcompanyId();
    }

    public void setSubcompanyId(String subcompanyId) {
        configuration.setSubcompanyId(subcompanyId);
    }

    public String getTakeoverSecret() {
        return configuration.getTakeoverSecret();
    }

    public void setTakeoverSecret(String takeoverSecret) {
        configuration.setTakeoverSecret(takeoverSecret);
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public ProtoHttpClientConfigurer getHttpClientConfigurer() {
        return httpClientConfigurer;
    }

    public void setHttpClientConfigurer(ProtoHttpClientConfigurer httpClientConfigurer) {
        this.httpClientConfigurer = httpClientConfigurer;
    }
}
