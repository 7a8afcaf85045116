package io.caravan.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatenciesTest {

    @Test
    void shouldGiveNearestRankPercentilesWhenMergedFromThreads() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        for (int ms = 1; ms <= 100; ms++) {
            (ms % 2 == 0 ? a : b).add(ms * 1_000_000L);
        }
        Latencies all = Latencies.merge(List.of(a, b));

        assertEquals(100, all.size());
        assertEquals(50.0, all.percentileMillis(50));
        assertEquals(95.0, all.percentileMillis(95));
        assertEquals(99.0, all.percentileMillis(99));
        assertEquals(100.0, all.percentileMillis(100));
    }

    @Test
    void shouldGiveZeroWhenNothingWasRecorded() {
        assertEquals(0.0, new Latencies().percentileMillis(99));
    }

    @Test
    void shouldKeepEverySampleWhenTheArrayGrows() {
        Latencies l = new Latencies();
        for (int i = 0; i < 10_000; i++) {
            l.add(i);
        }
        assertEquals(10_000, l.size());
    }
}
