package dev.camelproto.component.proto.internal.retry;

import java.time.Duration;

/**
 * What a call does after one attempt's answer or failure, as decided by {@link RetryPolicy#decide}.
 *
 * @param action               what to do
 * @param delayMillis          {@link Action#RETRY}: how long to wait before the next attempt; {@link Action#TIMEOUT}:
 *                             the wait that would have ended after the call's deadline
 * @param gatePause            a 429: the pause to report to the teamspace gate (already capped); else null
 * @param lastAttempt          {@link Action#GATE}: no attempt is left if the gate charges this 429 to the exchange
 * @param mayHaveReachedServer this attempt may have been processed (a 2xx; 502, 504, a 503 without Retry-After; a
 *                             failure after sending; a DELETE's 404 after an earlier such attempt)
 * @param why                  the answer or failure, for logs and the timeout message (e.g. "HTTP 503")
 */
public record RetryDecision(
        Action action,
        long delayMillis,
        Duration gatePause,
        boolean lastAttempt,
        boolean mayHaveReachedServer,
        String why) {

    public enum Action {
        /** Done: the answer (any status) or the failure is the result. */
        FINISH,
        /** A DELETE answered 404 after an earlier attempt that may have deleted it: done, as a success. */
        DELETE_GONE,
        /** Send again after {@code delayMillis}, on this call's own timer. */
        RETRY,
        /** A 429: report {@code gatePause} to the teamspace gate and queue there (first in line). */
        GATE,
        /** A retry would be allowed, but its wait would end after the call's deadline: fail now with a timeout. */
        TIMEOUT
    }
}
