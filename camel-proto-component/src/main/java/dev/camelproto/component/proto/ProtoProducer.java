package dev.camelproto.component.proto;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.internal.ProtoHttpClient;
import dev.camelproto.component.proto.internal.ProtoOperation;
import dev.camelproto.component.proto.internal.ProtoRequest;
import dev.camelproto.component.proto.internal.RequestFactory;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one exchange to the Proto API without blocking: validation first (no request when it fails), then an
 * asynchronous HTTP call whose response completes the exchange on the component's response threads.
 */
public class ProtoProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(ProtoProducer.class);

    private final ProtoOperation defaultOperation;

    public ProtoProducer(ProtoEndpoint endpoint) {
        super(endpoint);
        this.defaultOperation = ProtoOperation.lookup(endpoint.getOperation());
    }

    @Override
    public ProtoEndpoint getEndpoint() {
        return (ProtoEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ProtoEndpoint endpoint = getEndpoint();
        ProtoComponent component = endpoint.getComponent();
        ProtoConfiguration configuration = endpoint.getConfiguration();
        ProtoRequest request;
        String url;
        ProtoHttpClient client;
        try {
            client = component.getHttpClient();
            ProtoOperation operation = resolveOperation(exchange.getMessage());
            request = RequestFactory.create(operation, exchange.getMessage(), configuration,
                    component.getObjectMapper());
            url = stripTrailingSlash(configuration.getBaseUrl()) + request.path();
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        LOG.debug("Calling Proto {} as {} {}", request.operation(), request.method(), url);
        try {
            client.execute(request, url, configuration.getTakeoverSecret(), configuration.getConnectTimeout(),
                    configuration.getResponseTimeout(), new FutureCallback<>() {
                        @Override
                        public void completed(SimpleHttpResponse response) {
                            complete(exchange, callback, () -> onResponse(exchange, request, url, response));
                        }

                        @Override
                        public void failed(Exception ex) {
                            complete(exchange, callback, () -> exchange.setException(ex));
                        }

                        @Override
                        public void cancelled() {
                            complete(exchange, callback, () -> exchange.setException(new IllegalStateException(
                                    "Proto call " + request.operation() + " was cancelled")));
                        }
                    });
        } catch (RuntimeException e) {
            // e.g. the client was shut down under us: still honour the async contract
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return false;
    }

    private ProtoOperation resolveOperation(Message message) {
        String override = message.getHeader(ProtoConstants.OPERATION, String.class);
        if (override == null) {
            return defaultOperation;
        }
        ProtoOperation operation = ProtoOperation.lookup(override.trim());
        if (operation == null) {
            throw new ProtoValidationException(null, "Unknown operation '" + override + "' in header "
                                                     + ProtoConstants.OPERATION + ". Valid operations: "
                                                     + ProtoOperation.names().replace(",", ", "));
        }
        return operation;
    }

    /** Runs the completion on the component's response threads, never on the HTTP client's I/O threads. */
    private void complete(Exchange exchange, AsyncCallback callback, Runnable work) {
        Runnable task = () -> {
            try {
                work.run();
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                callback.done(false);
            }
        };
        ExecutorService executor = getEndpoint().getComponent().getResponseExecutor();
        if (executor == null) {
            task.run(); // the component is stopping
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void onResponse(Exchange exchange, ProtoRequest request, String url, SimpleHttpResponse response) {
        int status = response.getCode();
        byte[] bytes = response.getBodyBytes();
        Message message = exchange.getMessage();
        Object decoded = decode(bytes);
        message.setHeader(ProtoConstants.HTTP_RESPONSE_CODE, status);
        boolean success = status >= 200 && status < 300;
        if (!success && getEndpoint().getConfiguration().isThrowExceptionOnFailure()) {
            String text = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
            exchange.setException(new ProtoApiException(request.operation().uriName(), url, status,
                    response.getReasonPhrase(), headers(response), maskSecret(text)));
            return;
        }
        message.setBody(decoded);
        if (success && decoded instanceof Map<?, ?> map && map.get("id") instanceof String id) {
            message.setHeader(ProtoConstants.ID, id);
        }
    }

    /** An API that echoes the request (some gateways do) must not carry the secret into an exception. */
    private String maskSecret(String text) {
        String secret = getEndpoint().getConfiguration().getTakeoverSecret();
        return text == null || secret == null || secret.isEmpty() ? text : text.replace(secret, "******");
    }

    private Object decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        ObjectMapper mapper = getEndpoint().getComponent().getObjectMapper();
        try {
            return mapper.readValue(bytes, Object.class);
        } catch (Exception notJson) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> headers(SimpleHttpResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            headers.merge(h.getName(), h.getValue(), (a, b) -> a + ", " + b);
        }
        return headers;
    }

    private static String stripTrailingSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
