package dev.camelproto.component.proto.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.ByteArrayBuffer;

/**
 * Buffers a response body up to {@code maxResponseSize} bytes and fails the call as soon as it would exceed it (from
 * {@code Content-Length} before reading, or while streaming), so a huge or endless answer never fills the heap.
 */
public final class LimitedResponseConsumer implements AsyncResponseConsumer<SimpleHttpResponse> {

    /** The response is larger than allowed; carries what the error message needs. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final long limit;

        public TooLargeException(int status, long limit) {
            super("the response (HTTP " + status + ") is larger than maxResponseSize (" + limit + " bytes)");
            this.status = status;
            this.limit = limit;
        }

        public int status() {
            return status;
        }

        public long limit() {
            return limit;
        }
    }

    private final long limit;
    private SimpleHttpResponse response;
    private ByteArrayBuffer buffer;
    private FutureCallback<SimpleHttpResponse> callback;

    public LimitedResponseConsumer(long limit) {
        this.limit = limit;
    }

    @Override
    public void consumeResponse(
            HttpResponse head,
            EntityDetails entity,
            HttpContext context,
            FutureCallback<SimpleHttpResponse> resultCallback)
            throws IOException {
        this.response = SimpleHttpResponse.copy(head);
        if (entity == null) {
            resultCallback.completed(response);
            return;
        }
        long length = entity.getContentLength();
        if (length > limit) {
            throw new TooLargeException(head.getCode(), limit);
        }
        this.callback = resultCallback;
        // the content type is not parsed: the body is decoded as JSON (UTF-8) or kept as bytes/text either way
        this.buffer = new ByteArrayBuffer((int) Math.max(256, Math.min(length > 0 ? length : 1024, 65_536)));
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx answers carry nothing for us
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        if ((long) buffer.length() + src.remaining() > limit) {
            throw new TooLargeException(response.getCode(), limit);
        }
        buffer.append(src);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        response.setBody(buffer.toByteArray(), null);
        FutureCallback<SimpleHttpResponse> cb = callback;
        buffer = null;
        cb.completed(response);
    }

    @Override
    public void failed(Exception cause) {
        FutureCallback<SimpleHttpResponse> cb = callback;
        callback = null;
        if (cb != null) {
            cb.failed(cause);
        }
    }

    @Override
    public void releaseResources() {
        buffer = null;
    }
}
