package dev.camelproto.component.proto.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.hc.client5.http.utils.DateUtils;

/**
 * Parses an HTTP {@code Retry-After} value (RFC 9110 section 10.2.3): either a number of seconds or an HTTP date. A date
 * in the past is a zero delay; anything unparseable is no value at all.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String value) {
        return parse(value, Clock.systemUTC());
    }

    static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        Instant at = DateUtils.parseStandardDate(text); // HttpClient's parser: IMF-fixdate and RFC 1036 forms
        if (at == null) {
            return Optional.empty();
        }
        Duration delay = Duration.between(clock.instant(), at);
        return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
    }
}
