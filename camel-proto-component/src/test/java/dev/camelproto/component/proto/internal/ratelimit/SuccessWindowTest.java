package dev.camelproto.component.proto.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sliding success window, on times given in milliseconds: no clock, no threads. */
class SuccessWindowTest {

    static final long MS = 1_000_000;

    @Test
    void countsItsLastBucketsTheCurrentOneIncluded() {
        SuccessWindow w = new SuccessWindow(8, 125 * MS); // one second
        w.record(1_000 * MS); // bucket 8
        w.record(1_100 * MS); // bucket 8
        w.record(1_500 * MS); // bucket 12
        assertThat(w.sum(1_500 * MS)).isEqualTo(3);
        assertThat(w.sum(1_999 * MS)).as("bucket 15: buckets 8 to 15").isEqualTo(3);
        assertThat(w.sum(2_000 * MS)).as("bucket 16: bucket 8 left the window").isEqualTo(1);
        assertThat(w.sum(2_500 * MS)).isZero();
    }

    @Test
    void aReusedBucketCountsFromZero() {
        SuccessWindow w = new SuccessWindow(8, 125 * MS);
        w.record(1_000 * MS);
        w.record(1_000 * MS);
        w.record(2_000 * MS); // bucket 16: the slot of bucket 8
        assertThat(w.sum(2_000 * MS)).isEqualTo(1);
    }

    @Test
    void anyOriginWorksNegativeTimesIncluded() {
        SuccessWindow w = new SuccessWindow(8, 125 * MS);
        assertThat(w.sum(0)).isZero();
        assertThat(w.sum(Long.MIN_VALUE)).as("an unused bucket never counts").isZero();
        assertThat(w.sum(Long.MAX_VALUE)).isZero();
        w.record(-1);
        w.record(-200 * MS);
        assertThat(w.sum(0)).isEqualTo(2);
    }

    @Test
    void rescaledKeepsWhatWasCountedAsOfNowThenAgesOut() {
        SuccessWindow w = new SuccessWindow(32, 31_250_000L); // one second
        for (int i = 0; i < 5; i++) {
            w.record((1_000 + 100 * i) * MS);
        }
        SuccessWindow longer = w.rescaled(1_400 * MS, 62_500_000L); // two seconds
        assertThat(longer.bucketNanos()).isEqualTo(62_500_000L);
        assertThat(longer.sum(1_400 * MS)).isEqualTo(5);
        longer.record(1_450 * MS);
        assertThat(longer.sum(3_300 * MS)).isEqualTo(6);
        assertThat(longer.sum(3_500 * MS))
                .as("both buckets left the two-second window")
                .isZero();
        assertThat(new SuccessWindow(32, 31_250_000L).rescaled(0, MS).sum(0)).isZero();
    }
}
