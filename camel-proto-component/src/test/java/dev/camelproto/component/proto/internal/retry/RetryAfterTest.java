package dev.camelproto.component.proto.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Retry-After as seconds, and as the date forms HttpClient's DateUtils parses (IMF-fixdate, RFC 1036). */
class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsAndTheDateForms() {
        assertThat(RetryAfter.parse("120", NOW)).hasValue(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).hasValue(Duration.ZERO);
        assertThat(RetryAfter.parse("007", NOW)).hasValue(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 10:00:30 GMT", NOW)).hasValue(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 01-Dec-26 10:01:00 GMT", NOW)).hasValue(Duration.ofSeconds(60));
    }

    @Test
    void aPastDateIsNoDelayAndGarbageIsNoValue() {
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 09:00:00 GMT", NOW)).hasValue(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("+5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("١٢", NOW)).as("non-ASCII digits").isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @Test
    void valuesOfAnySizeSaturateAndNeverOverflow() {
        // failed before: 10^16 s overflowed Duration.toMillis(), 20 digits were "absent"
        for (String huge : new String[] {
            "9223372036",
            "10000000000000000",
            "9223372036854775807",
            "99999999999999999999",
            "1234567890123456789012345",
            "Fri, 31 Dec 9999 23:59:59 GMT"
        }) {
            assertThat(RetryAfter.parse(huge, NOW)).as(huge).hasValueSatisfying(d -> {
                assertThat(d).isLessThanOrEqualTo(RetryAfter.MAX).isGreaterThan(Duration.ofDays(365 * 200));
                assertThat(d.toMillis()).isPositive();
                assertThat(d.toNanos()).isPositive();
            });
        }
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).hasValue(RetryAfter.MAX);
        assertThat(RetryAfter.parse("9223372035", NOW)).hasValue(Duration.ofSeconds(9_223_372_035L));
    }
}
