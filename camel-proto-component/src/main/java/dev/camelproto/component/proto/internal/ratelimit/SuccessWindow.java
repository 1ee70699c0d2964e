package dev.camelproto.component.proto.internal.ratelimit;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Successes counted over a sliding window: {@code bucketCount} time buckets of {@code bucketNanos} each, the bucket of
 * now included. {@link #record} counts one success at a time, {@link #sum} gives the successes of the window ending at a
 * time. Buckets are reused as time moves on, so the window costs the same however long it lives. It reads no clock:
 * time is passed in, on any scale whose differences are nanoseconds.
 * <p>
 * Safe without a lock, but then approximate: reusing a bucket may race with an increment (one success lost, or counted
 * in the bucket it replaced). Under a lock it is exact.
 */
final class SuccessWindow {

    private static final long UNUSED = Long.MIN_VALUE;

    private final long bucketNanos;
    /** The bucket number (time / bucketNanos) each slot counts, or UNUSED. */
    private final AtomicLongArray buckets;

    private final AtomicIntegerArray counts;

    /** Both at least 1. */
    SuccessWindow(int bucketCount, long bucketNanos) {
        this.bucketNanos = bucketNanos;
        this.buckets = new AtomicLongArray(bucketCount);
        this.counts = new AtomicIntegerArray(bucketCount);
        for (int i = 0; i < bucketCount; i++) {
            buckets.set(i, UNUSED);
        }
    }

    long bucketNanos() {
        return bucketNanos;
    }

    /** Counts one success at {@code now}. */
    void record(long now) {
        long bucket = Math.floorDiv(now, bucketNanos);
        int slot = (int) Math.floorMod(bucket, (long) buckets.length());
        if (buckets.get(slot) != bucket) {
            buckets.set(slot, bucket);
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
    }

    /** The successes of the window ending at {@code now}: its last bucketCount buckets, the bucket of now included. */
    int sum(long now) {
        long current = Math.floorDiv(now, bucketNanos);
        int sum = 0;
        for (int slot = 0; slot < buckets.length(); slot++) {
            long bucket = buckets.get(slot);
            if (bucket != UNUSED && current - bucket < buckets.length()) {
                sum += counts.get(slot);
            }
        }
        return sum;
    }

    /**
     * The same count with buckets of another width: the successes of the window ending at {@code now} count as of now
     * (in the new bucket of now), so a longer window keeps what was accepted so far.
     */
    SuccessWindow rescaled(long now, long newBucketNanos) {
        SuccessWindow rescaled = new SuccessWindow(buckets.length(), newBucketNanos);
        int sum = sum(now);
        if (sum > 0) {
            long bucket = Math.floorDiv(now, newBucketNanos);
            int slot = (int) Math.floorMod(bucket, (long) buckets.length());
            rescaled.buckets.set(slot, bucket);
            rescaled.counts.set(slot, sum);
        }
        return rescaled;
    }
}
