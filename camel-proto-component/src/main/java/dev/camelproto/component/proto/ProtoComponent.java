package dev.camelproto.component.proto;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.internal.ProtoHttpClient;
import dev.camelproto.component.proto.internal.ProtoOperation;
import dev.camelproto.component.proto.internal.SensitiveKeywordsPlugin;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.URISupport;

/**
 * The {@code proto:} component: one pooled asynchronous HTTP client per component instance, shared by its endpoints,
 * started and stopped with the component.
 */
@Component("proto")
public class ProtoComponent extends DefaultComponent {

    @Metadata(description = "The options shared by all endpoints of this component; an endpoint overrides any of"
                            + " them.")
    private ProtoConfiguration configuration = new ProtoConfiguration();

    @Metadata(label = "advanced", defaultValue = "64",
              description = "The most concurrent connections (and so in-flight requests) to the API host. More"
                            + " requests than that wait for a free connection without holding a thread.")
    private int maxConnections = 64;

    @Metadata(label = "security",
              description = "TLS settings (trust store, key store, protocols) for the connection to the API.")
    private SSLContextParameters sslContextParameters;

    @Metadata(label = "advanced",
              description = "A hook to customise the Apache HttpClient 5 async client (proxy, interceptors,"
                            + " metrics) after the component applied its settings.")
    private ProtoHttpClientConfigurer httpClientConfigurer;

    private volatile ProtoHttpClient httpClient;
    private volatile ObjectMapper objectMapper;
    private volatile ExecutorService responseExecutor;

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

    private static void validate(ProtoConfiguration config) {
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
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        responseExecutor = getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "ProtoResponse",
                threads);
        SSLContext sslContext = sslContextParameters != null
                ? sslContextParameters.createSSLContext(getCamelContext()) : null;
        httpClient = new ProtoHttpClient(maxConnections, sslContext, httpClientConfigurer);
        httpClient.start();
    }

    @Override
    protected void doStop() throws Exception {
        ProtoHttpClient client = httpClient;
        httpClient = null;
        if (client != null) {
            client.close();
        }
        if (responseExecutor != null) {
            getCamelContext().getExecutorServiceManager().shutdown(responseExecutor);
            responseExecutor = null;
        }
        super.doStop();
    }

    ProtoHttpClient getHttpClient() {
        ProtoHttpClient client = httpClient;
        if (client == null) {
            throw new IllegalStateException("The proto component is not started");
        }
        return client;
    }

    ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    ExecutorService getResponseExecutor() {
        return responseExecutor;
    }

    public ProtoConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ProtoConfiguration configuration) {
        this.configuration = configuration;
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
