package dev.camelproto.component.proto.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry-After as seconds, and as the date forms HttpClient's DateUtils parses (IMF-fixdate, RFC 1036). */
class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsAndTheDateForms() {
        assertThat(RetryAfter.parse("120", NOW)).hasValue(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).hasValue(Duration.ZERO);
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 10:00:30 GMT", NOW)).hasValue(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 01-Dec-26 10:01:00 GMT", NOW)).hasValue(Duration.ofSeconds(60));
    }

    @Test
    void aPastDateIsNoDelayAndGarbageIsNoValue() {
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 09:00:00 GMT", NOW)).hasValue(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }
}
