package dev.camelproto.component.proto.internal.transport;

import dev.camelproto.component.proto.ProtoHttpClientConfigurer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;

/**
 * The transport: one pooled, non-blocking Apache HttpClient 5 client. Requests carry only Authorization, Accept,
 * Content-Type and User-Agent (plus what HTTP/1.1 itself needs); no retries, redirects or cookies; no wire logging,
 * and the Authorization header prints masked in HttpClient's header log.
 */
public final class ProtoHttpClient implements Transport, AutoCloseable {

    public static final String USER_AGENT = "camel-proto/" + version();

    /** The context attribute holding the {@link Attempt}, read by the exec interceptor. */
    private static final String ATTEMPT = "dev.camelproto.attempt";

    private final CloseableHttpAsyncClient client;

    public ProtoHttpClient(int maxConnections, SSLContext sslContext, ProtoHttpClientConfigurer configurer) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("The option maxConnections must be at least 1, was " + maxConnections);
        }
        PoolingAsyncClientConnectionManagerBuilder connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                        .build());
        if (sslContext != null) {
            TlsStrategy tls =
                    ClientTlsStrategyBuilder.create().setSslContext(sslContext).build();
            connections.setTlsStrategy(tls);
        }
        HttpAsyncClientBuilder builder = HttpAsyncClients.custom()
                .setConnectionManager(connections.build())
                // timeouts are checked once per select interval (default 1 s): 100 ms keeps responseTimeout and
                // connectTimeout accurate to about 0.1 s instead of up to a whole second late
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setSelectInterval(TimeValue.ofMilliseconds(100))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                // HttpClient 5.6 adds Accept-Encoding for its async content compression: only our headers go out
                .addRequestInterceptorLast(
                        (request, entity, context) -> request.removeHeaders(HttpHeaders.ACCEPT_ENCODING))
                // the identity decorator replaces HttpClient's LoggingIOSession: bytes on the wire are never logged
                .setIoSessionDecorator(session -> session)
                // the point where an attempt leaves the pool (leased and connected) and may reach the server: an
                // attempt given up before it (connectionRequestTimeout) is refused here, so it is never sent late
                .addExecInterceptorAfter(
                        ChainElement.CONNECT.name(), "proto-leased", (request, producer, scope, chain, callback) -> {
                            if (scope.clientContext.getAttribute(ATTEMPT) instanceof Attempt attempt
                                    && !attempt.lease()) {
                                throw new RequestNotExecutedException("given up while waiting for a pooled connection");
                            }
                            chain.proceed(request, producer, scope, callback);
                        });
        if (configurer != null) {
            configurer.configure(builder);
        }
        this.client = builder.build();
    }

    public void start() {
        client.start();
    }

    /** The Authorization header of a secret: sent as is, printed masked. */
    public static Header authorization(String secret) {
        return new BearerAuthorization(secret);
    }

    /** Sends one attempt; its listener hears the buffered response or the failure (never both). */
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
        SimpleHttpRequest http = new SimpleHttpRequest(method, host, pathAndQuery);
        http.setHeader(authorization);
        http.setHeader(HttpHeaders.ACCEPT, "application/json");
        if (body != null) {
            http.setBody(body, ContentType.APPLICATION_JSON);
        }
        http.setConfig(config);
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(ATTEMPT, attempt);
        attempt.onTheWire(client.execute(
                SimpleRequestProducer.create(http),
                new LimitedResponseConsumer(maxResponseSize),
                null,
                context,
                attempt));
    }

    @Override
    public void close() {
        // every call was answered or failed before (InFlightCalls.stop); IMMEDIATE races in httpcore5's reactor
        // shutdown and logs a ClosedSelectorException at ERROR on every stop
        client.close(CloseMode.GRACEFUL);
    }

    private static String version() {
        try (InputStream in = ProtoHttpClient.class.getResourceAsStream("camel-proto-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
