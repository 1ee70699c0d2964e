package dev.camelproto.component.proto;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of a {@code proto:} endpoint. Set them once on the component; an endpoint URI overrides any of them.
 */
@UriParams
@Configurer
public class ProtoConfiguration implements Cloneable {

    public static final String DEFAULT_BASE_URL = "https://v3-api.proto.cx/api/platform";

    @UriParam
    @Metadata(required = true, description = "The teamspace (sub-company) id, shown on the teamspace settings page.")
    private String subcompanyId;

    @UriParam(label = "security", secret = true)
    @Metadata(required = true, description = "The takeover secret of the teamspace, sent as the Bearer token."
                                             + " Set it on the component or with a property placeholder, not in"
                                             + " the URI.")
    private String takeoverSecret;

    @UriParam(defaultValue = DEFAULT_BASE_URL,
              description = "The base URL of the Proto developer API, e.g. the develop host or a simulator.")
    private String baseUrl = DEFAULT_BASE_URL;

    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "How long to wait for a TCP connection to the API, in milliseconds (or a duration"
                            + " such as 10s).")
    private long connectTimeout = 10_000;

    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long to wait for the API's response once the request is sent, in milliseconds (or"
                            + " a duration such as 30s).")
    private long responseTimeout = 30_000;

    @UriParam(defaultValue = "true",
              description = "Raise a ProtoApiException on a non-2xx response. When false the decoded error becomes"
                            + " the body and CamelHttpResponseCode tells the status.")
    private boolean throwExceptionOnFailure = true;

    @UriParam(label = "producer",
              description = "The default provided unique id of the customer, when the CamelProtoProvidedUniqueId"
                            + " header is not set.")
    private String providedUniqueId;

    @UriParam(label = "producer",
              description = "The default custom field id for customField/delete, when the CamelProtoCustomFieldId"
                            + " header is not set.")
    private String customFieldId;

    @UriParam(label = "producer", defaultValue = "false",
              description = "customer/addTags: also create tags that do not exist yet, when neither the body nor"
                            + " the CamelProtoCreateIfNotExists header says.")
    private boolean createIfNotExists;

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
