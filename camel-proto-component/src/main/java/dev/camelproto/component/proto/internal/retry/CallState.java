package dev.camelproto.component.proto.internal.retry;

/**
 * The call's state when an attempt has ended: what {@link RetryPolicy#decide} needs to know besides the attempt's
 * {@link AttemptOutcome}.
 *
 * @param idempotent           the method may be sent twice (GET, PUT, DELETE)
 * @param delete               the method is DELETE (for the 404-after-a-lost-attempt rule)
 * @param attemptsCharged      the attempts made so far, this one included, that count against {@code maxRetries} (a
 *                             429 the gate did not charge to this call is not counted)
 * @param mayHaveReachedServer an earlier attempt may have been processed by the server
 * @param timeLeftMillis       the time left before the call's deadline
 */
public record CallState(
        boolean idempotent, boolean delete, int attemptsCharged, boolean mayHaveReachedServer, long timeLeftMillis) {}
