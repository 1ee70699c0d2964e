package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.request.ProtoRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;

/**
 * How one call ended after all its attempts: the last response (any status), or the failure when no usable response
 * came; {@code retriedDeleteGone} marks a DELETE answered 404 after an earlier attempt that may have deleted it.
 * {@code mayHaveBeenProcessed} is the call's own record, over every attempt: true exactly when some attempt's request
 * was carried by a connection and not refused by the server (a 429, a 503 with Retry-After) before the call ended.
 */
public record CallResult(
        ProtoRequest request,
        String url,
        SimpleHttpResponse response,
        Exception failure,
        int attempts,
        boolean retriedDeleteGone,
        boolean mayHaveBeenProcessed) {

    public boolean isSuccess() {
        return failure == null && (retriedDeleteGone || response.getCode() >= 200 && response.getCode() < 300);
    }
}
