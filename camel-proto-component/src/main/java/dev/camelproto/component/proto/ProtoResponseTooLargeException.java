package dev.camelproto.component.proto;

import java.util.Map;

/**
 * The Proto API's response was larger than {@code maxResponseSize}: the call failed without buffering it. Extends
 * {@link ProtoApiException} (with no response body kept), so handlers of API failures see it too.
 */
public class ProtoResponseTooLargeException extends ProtoApiException {

    private static final long serialVersionUID = 1L;

    private final long maxResponseSize;

    public ProtoResponseTooLargeException(String operation, String uri, int statusCode, long maxResponseSize) {
        super(
                operation,
                uri,
                statusCode,
                "response larger than maxResponseSize (" + maxResponseSize + " bytes);"
                        + " raise the option maxResponseSize if this answer is expected",
                Map.of(),
                null);
        this.maxResponseSize = maxResponseSize;
    }

    /** The limit that was exceeded, in bytes. */
    public long getMaxResponseSize() {
        return maxResponseSize;
    }
}
