package dev.camelproto.component.proto.springboot;

import dev.camelproto.component.proto.ProtoConfiguration;
import dev.camelproto.component.proto.ProtoHttpClientConfigurer;
import java.time.Duration;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Calls one operation of the Proto AICX developer API: tickets, customers, tags and custom fields.
 * <p>
 * Hand-written in the shape camel-spring-boot generates for Apache Camel's own components: one field per option of
 * the component's catalog ({@code proto.json} {@code componentProperties}), its Javadoc being the option's
 * description. {@code ProtoComponentConfigurationTest} fails when this class and the catalog drift apart.
 */
@ConfigurationProperties(prefix = "camel.component.proto")
public class ProtoComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the proto component. This is enabled by default.
     */
    private Boolean enabled;

    /**
     * The base URL of the Proto developer API, e.g. the develop host or a simulator.
     */
    private String baseUrl = "https://v3-api.proto.cx/api/platform";

    /**
     * The total time one exchange may take, in milliseconds or a duration such as 2m: waiting in the teamspace's
     * rate-limit back-off, every attempt and every wait between retries. When it runs out the exchange fails with a
     * ProtoCallTimeoutException naming what it was waiting for; a retry or back-off wait that would end after it fails
     * at once.
     */
    private Duration callTimeout = Duration.ofMillis(120000);

    /**
     * The options shared by all endpoints of this component; an endpoint overrides any of them. The option is a
     * dev.camelproto.component.proto.ProtoConfiguration type.
     */
    private ProtoConfiguration configuration;

    /**
     * customer/addTags: also create tags that do not exist yet, when neither the body nor the
     * CamelProtoCreateIfNotExists header says.
     */
    private Boolean createIfNotExists = false;

    /**
     * The default custom field id for customField/delete, when the CamelProtoCustomFieldId header is not set.
     */
    private String customFieldId;

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed
     * then creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;

    /**
     * raw: the HTTP method. The CamelProtoHttpMethod header overrides it.
     */
    private String method;

    /**
     * raw: the path below baseUrl, with {placeholders}, e.g. /v1/custom-fields/{subcompany_id}/list-custom-fields.
     * The CamelProtoPath header overrides it.
     */
    private String path;

    /**
     * The default provided unique id of the customer, when the CamelProtoProvidedUniqueId header is not set.
     */
    private String providedUniqueId;

    /**
     * The teamspace (sub-company) id, shown on the teamspace settings page.
     */
    private String subcompanyId;

    /**
     * Raise a ProtoApiException on a non-2xx response. When false the decoded error becomes the body and
     * CamelHttpResponseCode tells the status.
     */
    private Boolean throwExceptionOnFailure = true;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then
     * gets configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;

    /**
     * How long one attempt may wait for a free pooled connection (see maxConnections), in milliseconds or a duration
     * such as 30s. A request that timed out there was never sent, so it is retried like a refused connection.
     */
    private Duration connectionRequestTimeout = Duration.ofMillis(30000);

    /**
     * How long to wait for a TCP connection to the API, in milliseconds (or a duration such as 10s).
     */
    private Duration connectTimeout = Duration.ofMillis(10000);

    /**
     * A hook to customise the Apache HttpClient 5 async client (proxy, interceptors, metrics) after the component
     * applied its settings. The option is a dev.camelproto.component.proto.ProtoHttpClientConfigurer type.
     */
    private ProtoHttpClientConfigurer httpClientConfigurer;

    /**
     * The most concurrent connections (and so in-flight requests) to the API host, for the whole component. More
     * requests than that wait for a free connection without holding a thread.
     */
    private Integer maxConnections = 64;

    /**
     * The largest response body accepted, in bytes (default 10 MiB). A larger one fails the call with a
     * ProtoResponseTooLargeException without being buffered.
     */
    private Long maxResponseSize = 10485760L;

    /**
     * How long to wait for the API's response once the request is sent, in milliseconds (or a duration such as 30s).
     */
    private Duration responseTimeout = Duration.ofMillis(30000);

    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled = true;

    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;

    /**
     * The most calls that may wait in one teamspace's 429 back-off queue, checked per endpoint: a call of this endpoint
     * is queued only while fewer than this many wait. Beyond it the call fails at once with a ProtoQueueFullException
     * (nothing sent), so a long rate limit cannot hold an unbounded number of exchanges in memory.
     */
    private Integer maxQueuedCalls = 10000;

    /**
     * The most calls the component holds for one teamspace at once, checked per endpoint: waiting in the 429 back-off
     * queue, waiting for a pooled connection (see maxConnections), on the wire or waiting for a retry. A call of this
     * endpoint starts only while fewer than this many are held; beyond it the call fails at once with a
     * ProtoQueueFullException naming this option (nothing sent).
     */
    private Integer maxPendingCalls = 10000;

    /**
     * How many times a failed call is retried when that is safe (see retryNonIdempotent); 0 turns retries off.
     */
    private Integer maxRetries = 3;

    /**
     * The base delay of the exponential back-off between retries (full jitter), in milliseconds or a duration such as
     * 500ms. A longer Retry-After from the API replaces it.
     */
    private Duration retryDelay = Duration.ofMillis(500);

    /**
     * The longest delay before a retry. A Retry-After longer than this fails the call at once
     * (ProtoApiException.getRetryAfter() tells it) instead of waiting.
     */
    private Duration retryMaxDelay = Duration.ofMillis(30000);

    /**
     * Also retry POSTs (ticket/create, customField/create, raw POST/PATCH) after 502, 504, a 503 without Retry-After
     * or a connection lost after sending. Such a request may already have been applied, so this can create duplicates: only for callers
     * that deduplicate themselves.
     */
    private Boolean retryNonIdempotent = false;

    /**
     * Allow a plain http:// baseUrl to a host that is not loopback. Off by default, so the takeover secret is never
     * sent in clear by mistake.
     */
    private Boolean allowInsecureHttp = false;

    /**
     * TLS settings (trust store, key store, protocols) for the connection to the API, for the whole component. The
     * option is a org.apache.camel.support.jsse.SSLContextParameters type.
     */
    private SSLContextParameters sslContextParameters;

    /**
     * The takeover secret of the teamspace, sent as the Bearer token. Set it from a property placeholder or the
     * environment, never in a route.
     */
    private String takeoverSecret;

    /**
     * ticket/create with idempotentRepository: a Simple expression for the key of the ticket, e.g. ${header.orderId}.
     * Without it the key is the customer identifier of the body and the SHA-256 of the body with its JSON keys sorted
     * (the same ticket = the same keys with the same values). Keys are stored as proto:{subcompanyId}:{key}, hashed
     * when longer than 200 characters.
     */
    private String idempotentKey;

    /**
     * ticket/create only: open each ticket once. The store of the keys, by reference (e.g. #ticketJournal): any Camel
     * IdempotentRepository (memory, file, JDBC, Hazelcast, ...), or one that also implements ProtoTicketJournal
     * (MemoryTicketJournal) to tell a created ticket from an unknown outcome. The key is claimed before the request,
     * confirmed after a 2xx, released when Proto did not create the ticket (an answer below 500, a 429 after the
     * retries, never sent) and kept when the outcome is unknown; an exchange with a kept key fails with a
     * ProtoUncertainException and sends nothing. Set on the component, it applies to its ticket/create endpoints only.
     * The option is a org.apache.camel.spi.IdempotentRepository type.
     */
    private IdempotentRepository idempotentRepository;

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public ProtoConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ProtoConfiguration configuration) {
        this.configuration = configuration;
    }

    public Boolean getCreateIfNotExists() {
        return createIfNotExists;
    }

    public void setCreateIfNotExists(Boolean createIfNotExists) {
        this.createIfNotExists = createIfNotExists;
    }

    public String getCustomFieldId() {
        return customFieldId;
    }

    public void setCustomFieldId(String customFieldId) {
        this.customFieldId = customFieldId;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getProvidedUniqueId() {
        return providedUniqueId;
    }

    public void setProvidedUniqueId(String providedUniqueId) {
        this.providedUniqueId = providedUniqueId;
    }

    public String getSubcompanyId() {
        return subcompanyId;
    }

    public void setSubcompanyId(String subcompanyId) {
        this.subcompanyId = subcompanyId;
    }

    public Boolean getThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    public void setThrowExceptionOnFailure(Boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public ProtoHttpClientConfigurer getHttpClientConfigurer() {
        return httpClientConfigurer;
    }

    public void setHttpClientConfigurer(ProtoHttpClientConfigurer httpClientConfigurer) {
        this.httpClientConfigurer = httpClientConfigurer;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Long getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(Long maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Duration getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(Duration retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    public Boolean getRetryNonIdempotent() {
        return retryNonIdempotent;
    }

    public void setRetryNonIdempotent(Boolean retryNonIdempotent) {
        this.retryNonIdempotent = retryNonIdempotent;
    }

    public Boolean getAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(Boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getTakeoverSecret() {
        return takeoverSecret;
    }

    public void setTakeoverSecret(String takeoverSecret) {
        this.takeoverSecret = takeoverSecret;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public Duration getConnectionRequestTimeout() {
        return connectionRequestTimeout;
    }

    public void setConnectionRequestTimeout(Duration connectionRequestTimeout) {
        this.connectionRequestTimeout = connectionRequestTimeout;
    }

    public Integer getMaxQueuedCalls() {
        return maxQueuedCalls;
    }

    public void setMaxQueuedCalls(Integer maxQueuedCalls) {
        this.maxQueuedCalls = maxQueuedCalls;
    }

    public Integer getMaxPendingCalls() {
        return maxPendingCalls;
    }

    public void setMaxPendingCalls(Integer maxPendingCalls) {
        this.maxPendingCalls = maxPendingCalls;
    }

    public String getIdempotentKey() {
        return idempotentKey;
    }

    public void setIdempotentKey(String idempotentKey) {
        this.idempotentKey = idempotentKey;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }
}
