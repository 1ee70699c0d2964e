package dev.camelproto.component.proto;

import dev.camelproto.component.proto.internal.request.RequestDefaults;
import dev.camelproto.component.proto.internal.retry.RetryPolicy;
import java.net.InetAddress;
import java.net.URI;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.util.ObjectHelper;

/**
 * The options of a {@code proto:} endpoint. Set them once on the component; an endpoint URI overrides any of them.
 */
@UriParams
@Configurer
public class ProtoConfiguration implements Cloneable {

    public static final String DEFAULT_BASE_URL = "https://v3-api.proto.cx/api/platform";

    // subcompanyId and takeoverSecret are declared as options on ProtoComponent (required there) and ProtoEndpoint
    // (optional there: an endpoint inherits the component's), so the catalog can tell the two apart
    @Metadata(skip = true)
    private String subcompanyId;

    @Metadata(skip = true)
    private String takeoverSecret;

    @UriParam(
            defaultValue = DEFAULT_BASE_URL,
            description = "The base URL of the Proto developer API, e.g. the develop host or a simulator.")
    private String baseUrl = DEFAULT_BASE_URL;

    @UriParam(
            label = "advanced",
            defaultValue = "10000",
            javaType = "java.time.Duration",
            description = "How long to wait for a TCP connection to the API, in milliseconds (or a duration"
                    + " such as 10s).")
    private long connectTimeout = 10_000;

    @UriParam(
            label = "advanced",
            defaultValue = "30000",
            javaType = "java.time.Duration",
            description = "How long to wait for the API's response once the request is sent, in milliseconds (or"
                    + " a duration such as 30s).")
    private long responseTimeout = 30_000;

    @UriParam(
            defaultValue = "true",
            description = "Raise a ProtoApiException on a non-2xx response. When false the decoded error becomes"
                    + " the body and CamelHttpResponseCode tells the status.")
    private boolean throwExceptionOnFailure = true;

    @UriParam(
            label = "producer",
            description = "The default provided unique id of the customer, when the CamelProtoProvidedUniqueId"
                    + " header is not set.")
    private String providedUniqueId;

    @UriParam(
            label = "producer",
            description = "The default custom field id for customField/delete, when the CamelProtoCustomFieldId"
                    + " header is not set.")
    private String customFieldId;

    @UriParam(
            label = "producer",
            defaultValue = "false",
            description = "customer/addTags: also create tags that do not exist yet, when neither the body nor"
                    + " the CamelProtoCreateIfNotExists header says.")
    private boolean createIfNotExists;

    @UriParam(
            label = "retry",
            defaultValue = "3",
            description = "How many times a failed call is retried when that is safe (see retryNonIdempotent);"
                    + " 0 turns retries off.")
    private int maxRetries = 3;

    @UriParam(
            label = "retry",
            defaultValue = "500",
            javaType = "java.time.Duration",
            description = "The base delay of the exponential back-off between retries (full jitter), in"
                    + " milliseconds or a duration such as 500ms. A longer Retry-After from the API replaces it.")
    private long retryDelay = 500;

    @UriParam(
            label = "retry",
            defaultValue = "30000",
            javaType = "java.time.Duration",
            description = "The longest delay before a retry. A Retry-After longer than this fails the call at once"
                    + " (ProtoApiException.getRetryAfter() tells it) instead of waiting.")
    private long retryMaxDelay = 30_000;

    @UriParam(
            label = "retry",
            defaultValue = "false",
            description = "Also retry POSTs (ticket/create, customField/create, raw POST/PATCH) after 502, 504, a 503"
                    + " without Retry-After or a connection lost after sending. Such a request may already have been applied, so this"
                    + " can create duplicates: only for callers that deduplicate themselves.")
    private boolean retryNonIdempotent;

    @UriParam(
            defaultValue = "120000",
            javaType = "java.time.Duration",
            description = "The total time one exchange may take, in milliseconds or a duration such as 2m: waiting"
                    + " in the teamspace's rate-limit back-off, every attempt and every wait between retries."
                    + " When it runs out the exchange fails with a ProtoCallTimeoutException naming what it"
                    + " was waiting for; a retry or back-off wait that would end after it fails at once.")
    private long callTimeout = 120_000;

    @UriParam(
            label = "advanced",
            defaultValue = "30000",
            javaType = "java.time.Duration",
            description = "How long one attempt may wait for a free pooled connection (see maxConnections), in"
                    + " milliseconds or a duration such as 30s. A request that timed out there was never"
                    + " sent, so it is retried like a refused connection.")
    private long connectionRequestTimeout = 30_000;

    @UriParam(
            label = "retry",
            defaultValue = "10000",
            description = "The most calls that may wait in one teamspace's 429 back-off queue, checked per"
                    + " endpoint: a call of this endpoint is queued only while fewer than this many wait."
                    + " Beyond it the call fails at once with a ProtoQueueFullException (nothing sent), so a"
                    + " long rate limit cannot hold an unbounded number of exchanges in memory.")
    private int maxQueuedCalls = 10_000;

    @UriParam(
            label = "advanced",
            defaultValue = "10000",
            description = "The most calls the component holds for one teamspace at once, checked per endpoint:"
                    + " waiting in the 429 back-off queue, waiting for a pooled connection (see"
                    + " maxConnections), on the wire or waiting for a retry. A call of this endpoint starts"
                    + " only while fewer than this many are held; beyond it the call fails at once with a"
                    + " ProtoQueueFullException naming this option (nothing sent).")
    private int maxPendingCalls = 10_000;

    @UriParam(
            label = "security",
            defaultValue = "false",
            description = "Allow a plain http:// baseUrl to a host that is not loopback. Off by default, so the"
                    + " takeover secret is never sent in clear by mistake.")
    private boolean allowInsecureHttp;

    @UriParam(
            label = "advanced",
            defaultValue = "10485760",
            description = "The largest response body accepted, in bytes (default 10 MiB). A larger one fails the"
                    + " call with a ProtoResponseTooLargeException without being buffered.")
    private long maxResponseSize = 10L * 1024 * 1024;

    @UriParam(
            label = "producer",
            enums = "GET,POST,PUT,PATCH,DELETE",
            description = "raw: the HTTP method. The CamelProtoHttpMethod header overrides it.")
    private String method;

    @UriParam(
            label = "producer",
            description = "raw: the path below baseUrl, with {placeholders}, e.g."
                    + " /v1/custom-fields/{subcompany_id}/list-custom-fields. The CamelProtoPath header"
                    + " overrides it.")
    private String path;

    @UriParam(
            label = "producer,exactlyonce",
            description = "ticket/create only: open each ticket once. The store of the keys, by reference (e.g."
                    + " #ticketJournal): any Camel IdempotentRepository (memory, file, JDBC, Hazelcast, ...),"
                    + " or one that also implements ProtoTicketJournal (MemoryTicketJournal) to tell a created"
                    + " ticket from an unknown outcome. The key is claimed before the request, confirmed after"
                    + " a 2xx, released when Proto did not create the ticket (an answer below 500, a 429"
                    + " after the retries, never sent) and kept when the outcome is unknown; an exchange with"
                    + " a kept key fails with a ProtoUncertainException and sends nothing. Set on the"
                    + " component, it applies to its ticket/create endpoints only.")
    private IdempotentRepository idempotentRepository;

    @UriParam(
            label = "producer,exactlyonce",
            description = "ticket/create with idempotentRepository: a Simple expression for the key of the ticket,"
                    + " e.g. ${header.orderId}. Without it the key is the customer identifier of the body and"
                    + " the SHA-256 of the body with its JSON keys sorted (the same ticket = the same keys"
                    + " with the same values). Keys are stored as proto:{subcompanyId}:{key}, hashed when"
                    + " longer than 200 characters.")
    private String idempotentKey;

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public String getIdempotentKey() {
        return idempotentKey;
    }

    public void setIdempotentKey(String idempotentKey) {
        this.idempotentKey = idempotentKey;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    public boolean isRetryNonIdempotent() {
        return retryNonIdempotent;
    }

    public void setRetryNonIdempotent(boolean retryNonIdempotent) {
        this.retryNonIdempotent = retryNonIdempotent;
    }

    public long getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(long callTimeout) {
        this.callTimeout = callTimeout;
    }

    public long getConnectionRequestTimeout() {
        return connectionRequestTimeout;
    }

    public void setConnectionRequestTimeout(long connectionRequestTimeout) {
        this.connectionRequestTimeout = connectionRequestTimeout;
    }

    public int getMaxQueuedCalls() {
        return maxQueuedCalls;
    }

    public void setMaxQueuedCalls(int maxQueuedCalls) {
        this.maxQueuedCalls = maxQueuedCalls;
    }

    public int getMaxPendingCalls() {
        return maxPendingCalls;
    }

    public void setMaxPendingCalls(int maxPendingCalls) {
        this.maxPendingCalls = maxPendingCalls;
    }

    public boolean isAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public long getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(long maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
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

    public String getSubcompanyId() {
        return subcompanyId;
    }

    public void setSubcompanyId(String subcompanyId) {
        this.subcompanyId = subcompanyId;
    }

    public String getTakeoverSecret() {
        return takeoverSecret;
    }

    public void setTakeoverSecret(String takeoverSecret) {
        this.takeoverSecret = takeoverSecret;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public boolean isThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    public void setThrowExceptionOnFailure(boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public String getProvidedUniqueId() {
        return providedUniqueId;
    }

    public void setProvidedUniqueId(String providedUniqueId) {
        this.providedUniqueId = providedUniqueId;
    }

    public String getCustomFieldId() {
        return customFieldId;
    }

    public void setCustomFieldId(String customFieldId) {
        this.customFieldId = customFieldId;
    }

    public boolean isCreateIfNotExists() {
        return createIfNotExists;
    }

    public void setCreateIfNotExists(boolean createIfNotExists) {
        this.createIfNotExists = createIfNotExists;
    }

    /** A copy for one endpoint, so that endpoint options never change the component's defaults. */
    /**
     * Checks the options together, before anything is started or sent: the message names the option to set. Called for
     * every endpoint the component creates.
     */
    public void validate() {
        ProtoConfiguration config = this;
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
        new RetryPolicy(
                config.getMaxRetries(),
                config.getRetryDelay(),
                config.getRetryMaxDelay(),
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
            throw new IllegalArgumentException(
                    "The option maxQueuedCalls must be at least 1, was " + config.getMaxQueuedCalls());
        }
        if (ObjectHelper.isNotEmpty(config.getIdempotentKey()) && config.getIdempotentRepository() == null) {
            throw new IllegalArgumentException("The option idempotentKey needs the option idempotentRepository (e.g."
                    + " idempotentRepository=#ticketJournal) on the endpoint or the"
                    + " component");
        }
        if (config.getMaxPendingCalls() < 1) {
            throw new IllegalArgumentException(
                    "The option maxPendingCalls must be at least 1, was " + config.getMaxPendingCalls());
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

    /** What the request side reads from these options. */
    public RequestDefaults requestDefaults() {
        return new RequestDefaults(subcompanyId, providedUniqueId, customFieldId, method, path, createIfNotExists);
    }

    public ProtoConfiguration copy() {
        try {
            return (ProtoConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** Never shows the takeover secret. */
    @Override
    public String toString() {
        return "ProtoConfiguration[subcompanyId=" + subcompanyId + ", baseUrl=" + baseUrl + ", takeoverSecret="
                + (takeoverSecret == null ? "null" : "******") + "]";
    }
}
