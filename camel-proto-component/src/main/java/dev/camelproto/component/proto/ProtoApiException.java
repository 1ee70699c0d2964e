package dev.camelproto.component.proto;

import dev.camelproto.component.proto.internal.retry.RetryAfter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The Proto API answered with a non-2xx status. Carries the status code and text, the response body and headers (as
 * camel-http's {@link HttpOperationFailedException} does, so existing {@code onException} handlers match it) and the
 * operation that failed. Never carries the takeover secret.
 */
public class ProtoApiException extends HttpOperationFailedException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY_IN_MESSAGE = 500;

    private final String operation;
    private final String message;

    public ProtoApiException(
            String operation,
            String uri,
            int statusCode,
            String statusText,
            Map<String, String> responseHeaders,
            String responseBody) {
        super(uri, statusCode, statusText, null, responseHeaders, responseBody);
        this.operation = operation;
        this.message = buildMessage(operation, uri, statusCode, statusText, responseBody);
    }

    private static String buildMessage(String operation, String uri, int statusCode, String statusText, String body) {
        StringBuilder sb = new StringBuilder("Proto API operation ")
                .append(operation)
                .append(" failed with HTTP ")
                .append(statusCode);
        if (statusText != null && !statusText.isEmpty()) {
            sb.append(' ').append(statusText);
        }
        sb.append(" (").append(uri).append(')');
        if (body != null && !body.isEmpty()) {
            String shown = body.length() > MAX_BODY_IN_MESSAGE ? body.substring(0, MAX_BODY_IN_MESSAGE) + "..." : body;
            sb.append(": ").append(shown);
        }
        return sb.toString();
    }

    @Override
    public String getMessage() {
        return message;
    }

    /** The operation that failed, e.g. {@code customer/addTags}. */
    public String getOperation() {
        return operation;
    }

    /**
     * The delay the API asked for with {@code Retry-After} (seconds or an HTTP date), typically on 429 and 503; empty
     * when the header is absent or unparseable.
     */
    public Optional<Duration> getRetryAfter() {
        Map<String, String> headers = getResponseHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if ("Retry-After".equalsIgnoreCase(e.getKey())) {
                return RetryAfter.parse(e.getValue());
            }
        }
        return Optional.empty();
    }
}
