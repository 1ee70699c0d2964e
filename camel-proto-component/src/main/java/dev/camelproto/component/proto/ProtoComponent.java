package dev.camelproto.component.proto;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.internal.call.EndpointClient;
import dev.camelproto.component.proto.internal.call.ProtoRuntime;
import dev.camelproto.component.proto.internal.metrics.CallObserver;
import dev.camelproto.component.proto.internal.metrics.MicrometerSupport;
import dev.camelproto.component.proto.internal.metrics.ProtoMetrics;
import dev.camelproto.component.proto.internal.request.JsonMappers;
import dev.camelproto.component.proto.internal.request.ProtoOperation;
import dev.camelproto.component.proto.internal.retry.RetryPolicy;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
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

    @Metadata(
            description =
                    "The options shared by all endpoints of this component; an endpoint overrides any of" + " them.")
    private ProtoConfiguration configuration = new ProtoConfiguration();

    // the values live in the configuration; these fields carry the catalog metadata (required here, not per endpoint)
    @Metadata(required = true, description = "The teamspace (sub-company) id, shown on the teamspace settings page.")
    @SuppressWarnings("unused")
    private String subcompanyId;

    @Metadata(
            required = true,
            label = "security",
            secret = true,
            description = "The takeover secret of the teamspace, sent as the Bearer token. Set it from a property"
                    + " placeholder or the environment, never in a route.")
    @SuppressWarnings("unused")
    private String takeoverSecret;

    @Metadata(
            label = "advanced",
            defaultValue = "64",
            description = "The most concurrent connections (and so in-flight requests) to the API host, for the"
                    + " whole component. More requests than that wait for a free connection without holding"
                    + " a thread.")
    private int maxConnections = 64;

    @Metadata(
            label = "security",
            description = "TLS settings (trust store, key store, protocols) for the connection to the API, for the"
                    + " whole component.")
    private SSLContextParameters sslContextParameters;

    @Metadata(
            label = "advanced",
            description = "A hook to customise the Apache HttpClient 5 async client (proxy, interceptors,"
                    + " metrics) after the component applied its settings.")
    private ProtoHttpClientConfigurer httpClientConfigurer;

    private final ProtoMetrics metrics = new ProtoMetrics();
    private final ProtoHealthChecks healthChecks = new ProtoHealthChecks();
    /** What the current start owns (client, pools, gates, calls in flight); null while stopped. */
    private volatile ProtoRuntime runtime;

    private volatile ObjectMapper objectMapper;
    private volatile JsonMappers jsonMappers;
    private volatile CallObserver micrometer;

    public ProtoComponent() {}

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ProtoOperation operation = ProtoOperation.lookup(remaining);
        if (operation == null) {
            throw new IllegalArgumentException("Unknown Proto operation '" + remaining + "' in "
                    + URISupport.sanitizeUri(uri) + ". Valid operations: "
                    + ProtoOperation.names().replace(",", ", "));
        }
        if (operation != ProtoOperation.TICKET_CREATE
                && (parameters.containsKey("idempotentRepository") || parameters.containsKey("idempotentKey"))) {
            throw new IllegalArgumentException("The options idempotentRepository and idempotentKey apply to"
                    + " ticket/create only, not to " + remaining + " ("
                    + URISupport.sanitizeUri(uri) + "): remove them from this endpoint");
        }
        ProtoEndpoint endpoint = new ProtoEndpoint(URISupport.sanitizeUri(uri), this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        endpoint.getConfiguration().validate();
        return endpoint;
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
        SSLContext sslContext =
                sslContextParameters != null ? sslContextParameters.createSSLContext(getCamelContext()) : null;
        // the runtime owns and closes the client, its timer thread and the completion threads; they have policies of
        // their own (see ProtoRuntime): Camel's default thread-pool profile is made for routes, not for these
        String pattern = getCamelContext().getExecutorServiceManager().getThreadNamePattern();
        runtime = ProtoRuntime.start(
                new ProtoHttpClient(maxConnections, sslContext, httpClientConfigurer),
                new CamelThreadFactory(pattern, "ProtoRetry", true),
                new CamelThreadFactory(pattern, "ProtoResponse", true),
                new CamelThreadFactory(pattern, "ProtoSend", true),
                metrics::paused);
        // the proto.* meters, when Micrometer is on the class path and a MeterRegistry in the Camel registry
        micrometer = MicrometerSupport.bind(getCamelContext(), metrics);
    }

    @Override
    protected void doStop() throws Exception {
        ProtoRuntime rt = runtime;
        runtime = null; // calls started from now on fail with "not started"; endpoints bind the next start's runtime
        if (rt != null) {
            long timeoutMillis = Math.min(
                    30_000,
                    getCamelContext()
                            .getShutdownStrategy()
                            .getTimeUnit()
                            .toMillis(getCamelContext().getShutdownStrategy().getTimeout()));
            rt.stop(timeoutMillis); // answers every call, then closes the client, the timer and the threads
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
    EndpointClient bind(ProtoConfiguration config) {
        return bind(
                config,
                new RetryPolicy(
                        config.getMaxRetries(),
                        config.getRetryDelay(),
                        config.getRetryMaxDelay(),
                        config.isRetryNonIdempotent()));
    }

    EndpointClient bind(ProtoConfiguration config, RetryPolicy retryPolicy) {
        return new EndpointClient(
                this::runtime,
                config.getBaseUrl(),
                config.getSubcompanyId(),
                ProtoHttpClient.authorization(config.getTakeoverSecret()),
                new EndpointClient.Timeouts(
                        config.getConnectTimeout(),
                        config.getResponseTimeout(),
                        config.getConnectionRequestTimeout(),
                        config.getCallTimeout()),
                new EndpointClient.Bounds(config.getMaxQueuedCalls(), config.getMaxPendingCalls()),
                config.getMaxResponseSize(),
                retryPolicy,
                metrics);
    }

    /** The teamspaces (and so gates) the current start still holds (for tests); 0 while stopped. */
    int gateCount() {
        ProtoRuntime rt = runtime;
        return rt == null ? 0 : rt.teamspaceCount();
    }

    /** The producer health check of this endpoint configuration, shared by every endpoint with the same one. */
    ProtoProducerHealthCheck acquireHealthCheck(ProtoConfiguration config) {
        return healthChecks.acquire(config, () -> bind(config, RetryPolicy.NONE));
    }

    /** Returns true when the last endpoint of that configuration released it (so it leaves the repository). */
    boolean releaseHealthCheck(ProtoConfiguration config) {
        return healthChecks.release(config);
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
