package dev.camelproto.component.proto.internal.response;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoResponseTooLargeException;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.internal.call.CallResult;
import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.transport.LimitedResponseConsumer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.net.PercentCodec;

/**
 * Turns a {@link CallResult} into the exchange: the decoded body, {@code CamelHttpResponseCode}, {@code CamelProtoId}
 * and {@code CamelProtoAttempts} (each set or removed on every call, so no value from an earlier call survives), or the
 * typed exception. The secret is masked out of any error text.
 */
public final class ResponseMapper {

    private final ObjectMapper mapper;
    /** The secret as a server may echo it: as sent, JSON-escaped ("\\/") and percent-encoded; longest first. */
    private final List<String> secretForms;

    private final boolean throwExceptionOnFailure;

    public ResponseMapper(ObjectMapper mapper, String secret, boolean throwExceptionOnFailure) {
        this.mapper = mapper;
        this.secretForms = secret == null || secret.isEmpty()
                ? List.of()
                : Stream.of(secret, secret.replace("/", "\\/"), PercentCodec.encode(secret, StandardCharsets.UTF_8))
                        .distinct()
                        .sorted(Comparator.comparingInt(String::length).reversed())
                        .toList();
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    /** Applies the result; returns true when the call succeeded (a 2xx, or a retried DELETE found gone). */
    public boolean apply(Exchange exchange, CallResult result) {
        Message message = exchange.getMessage();
        message.removeHeader(ProtoConstants.ID);
        message.setHeader(ProtoConstants.ATTEMPTS, result.attempts());
        ProtoRequest request = result.request();
        if (result.failure() != null) {
            message.removeHeader(ProtoConstants.HTTP_RESPONSE_CODE);
            exchange.setException(toException(result));
            return false;
        }
        SimpleHttpResponse response = result.response();
        int status = response.getCode();
        message.setHeader(ProtoConstants.HTTP_RESPONSE_CODE, status);
        if (result.retriedDeleteGone()) {
            message.setBody(request.resourceId() == null ? null : gone(request.resourceId()));
            return true;
        }
        byte[] bytes = response.getBodyBytes();
        boolean success = status >= 200 && status < 300;
        if (!success && throwExceptionOnFailure) {
            String text = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
            exchange.setException(new ProtoApiException(
                    request.operation(),
                    result.url(),
                    status,
                    mask(response.getReasonPhrase()),
                    headers(response),
                    mask(text)));
            return false;
        }
        Object decoded = decode(bytes);
        message.setBody(decoded);
        if (success && decoded instanceof Map<?, ?> map && map.get("id") instanceof String id) {
            message.setHeader(ProtoConstants.ID, id);
        }
        return success;
    }

    public Object decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return mapper.readValue(bytes, Object.class);
        } catch (Exception notJson) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private Exception toException(CallResult result) {
        Exception failure = result.failure();
        String operation = result.request().operation();
        if (failure instanceof LimitedResponseConsumer.TooLargeException tooLarge) {
            return new ProtoResponseTooLargeException(operation, result.url(), tooLarge.status(), tooLarge.limit());
        }
        if (failure instanceof ProtoTransportException) {
            return failure; // built by the call (timeout, bound reached, stopped), with the call's own truth
        }
        // the call's record over all its attempts, not a reading of this last failure
        boolean mayHaveBeenProcessed = result.mayHaveBeenProcessed();
        String what = describe(failure) + " (" + result.url() + ")";
        if (mayHaveBeenProcessed && !result.request().idempotent()) {
            what += "; the request may have been processed, so it was not sent again ("
                    + result.request().method() + " is not idempotent; retryNonIdempotent=true would re-send it)";
        }
        return new ProtoTransportException(
                operation, result.attempts(), mayHaveBeenProcessed, mask(what), maskedChain(failure));
    }

    /**
     * The failure as the cause to keep: itself, unless some text of its chain holds the secret (a server that echoes the
     * Authorization header into a malformed response head: HttpClient's ParseException quotes the line); then a copy
     * of the chain with each message masked and the stack traces kept.
     */
    private Throwable maskedChain(Throwable failure) {
        boolean leaks = false;
        for (Throwable t = failure; t != null && !leaks; t = t.getCause()) {
            leaks = t.getMessage() != null && !t.getMessage().equals(mask(t.getMessage()));
        }
        if (!leaks) {
            return failure;
        }
        Throwable cause =
                failure.getCause() == null || failure.getCause() == failure ? null : maskedChain(failure.getCause());
        java.io.IOException copy = new java.io.IOException(
                failure.getClass().getName() + (failure.getMessage() == null ? "" : ": " + mask(failure.getMessage())),
                cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    private static String describe(Exception failure) {
        String text = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        if (failure instanceof java.net.SocketTimeoutException || type.contains("Timeout")) {
            return "timed out: " + (text != null ? text : type);
        }
        return text != null && !text.isBlank() ? type + ": " + text : type;
    }

    private static Map<String, Object> gone(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("deleted", true);
        return body;
    }

    /** Every text of the response kept on an exception (body, reason phrase, header names and values) goes here. */
    private String mask(String text) {
        if (text == null) {
            return null;
        }
        for (String form : secretForms) {
            text = text.replace(form, "******");
        }
        return text;
    }

    private Map<String, String> headers(SimpleHttpResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            headers.merge(mask(h.getName()), mask(h.getValue()), (a, b) -> a + ", " + b);
        }
        return headers;
    }
}
