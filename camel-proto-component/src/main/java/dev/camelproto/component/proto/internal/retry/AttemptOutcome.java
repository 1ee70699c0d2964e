package dev.camelproto.component.proto.internal.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one attempt got: an HTTP answer (its status and parsed {@code Retry-After}) or a transport failure. Made by
 * {@link #answered} or {@link #failed}; exactly one of {@code status} and {@code failure} is set.
 *
 * @param status     the HTTP status, or 0 for a failure
 * @param retryAfter the answer's parsed {@code Retry-After} (empty when absent or unparseable; always empty for a
 *                   failure)
 * @param failure    the transport failure, or null for an answer
 */
public record AttemptOutcome(int status, Optional<Duration> retryAfter, TransportFailure failure) {

    public AttemptOutcome {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if ((failure == null) == (status == 0) || failure != null && retryAfter.isPresent()) {
            throw new IllegalArgumentException("Either a status with its Retry-After or a failure, was status " + status
                    + ", retryAfter " + retryAfter + ", failure " + failure);
        }
    }

    /** The server answered with {@code status}; {@code retryAfter} is its parsed {@code Retry-After}, if any. */
    public static AttemptOutcome answered(int status, Optional<Duration> retryAfter) {
        return new AttemptOutcome(status, retryAfter, null);
    }

    /** No answer came: the attempt failed on the way. */
    public static AttemptOutcome failed(TransportFailure failure) {
        return new AttemptOutcome(0, Optional.empty(), Objects.requireNonNull(failure, "failure"));
    }

    public boolean isFailure() {
        return failure != null;
    }

    /** A 2xx answer. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** For logs and the timeout message: "HTTP 503", "a failure after sending". */
    public String describe() {
        if (failure == null) {
            return "HTTP " + status;
        }
        return failure == TransportFailure.MAY_HAVE_BEEN_SENT ? "a failure after sending" : "a failure before sending";
    }
}
