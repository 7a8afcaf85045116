package io.caravan.bench;

import java.util.Arrays;

/**
 * Latencies of one client thread (nanoseconds, growing array: no allocation per sample), merged after a run.
 * Not thread-safe: one per thread, or guarded by the caller.
 */
public final class Latencies {

    private long[] values = new long[4096];
    private int size;

    public void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.add(part.values[i]);
            }
        }
        return all;
    }

    /** Nearest-rank percentile in milliseconds (p in 0..100); 0 when empty. */
    public double percentileMillis(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1_000_000.0;
    }
}
