package dev.camelproto.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as the simulator received it, and what it did with it (see {@link ProtoSimulator#journal()}).
 *
 * @param sequence     1-based arrival number since start or the last {@link ProtoSimulator#reset()}
 * @param timestamp    when the request arrived
 * @param method       HTTP method
 * @param path         the raw (still percent-encoded) path, without the query string
 * @param query        the raw query string, or {@code null}
 * @param segments     the percent-decoded path segments AFTER the path prefix (e.g. {@code [v1, customers, <id>,
 *                     customer, <provided id>, get-customer]}); empty when the path is outside the prefix
 * @param route        the matched operation ({@code ticket/create}, {@code customer/get}, ...), or {@code null}
 * @param headers      request headers as sent (names as sent; multi-valued, in order)
 * @param body         the request body decoded as UTF-8 ({@code ""} when there is none)
 * @param status       the HTTP status sent, or {@code 0} when no response was sent (connection reset / drop after
 *                     write)
 * @param responseBody the response body sent ({@code ""} when none)
 * @param fault        the injected fault, or {@code null}
 */
public record RecordedRequest(
        long sequence,
        Instant timestamp,
        String method,
        String path,
        String query,
        List<String> segments,
        String route,
        Map<String, List<String>> headers,
        String body,
        int status,
        String responseBody,
        InjectedFault fault) {

    /** The first value of a header, compared case-insensitively, or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
