package dev.camelproto.component.proto.internal.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hc.client5.http.utils.DateUtils;

/**
 * Parses an HTTP {@code Retry-After} value (RFC 9110 section 10.2.3): either a number of seconds or an HTTP date. A date
 * in the past is a zero delay; anything unparseable (including a negative number) is no value at all. A value of any
 * size is accepted: one longer than {@link #MAX} (about 292 years, a 20-digit number of seconds, a date far ahead)
 * saturates to {@code MAX}, so converting it to milliseconds or nanoseconds never overflows and it always counts as
 * "longer than retryMaxDelay".
 */
public final class RetryAfter {

    /** The longest Retry-After: {@link Long#MAX_VALUE} nanoseconds, so {@code toNanos()} and {@code toMillis()} fit. */
    public static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

    private static final long MAX_SECONDS = MAX.getSeconds();

    private RetryAfter() {}

    public static Optional<Duration> parse(String value) {
        return parse(value, Clock.systemUTC());
    }

    static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String digits = text.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 18) {
                return Optional.of(MAX); // more than Long could hold, and far more than anyone waits
            }
            long seconds = Long.parseLong(digits);
            return Optional.of(seconds > MAX_SECONDS ? MAX : Duration.ofSeconds(seconds));
        }
        Instant at = DateUtils.parseStandardDate(text); // HttpClient's parser: IMF-fixdate and RFC 1036 forms
        if (at == null) {
            return Optional.empty();
        }
        Duration delay = Duration.between(clock.instant(), at);
        if (delay.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(delay.compareTo(MAX) > 0 ? MAX : delay);
    }
}
