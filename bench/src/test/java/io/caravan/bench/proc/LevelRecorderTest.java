package io.caravan.bench.proc;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.bench.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelRecorderTest {

    @TempDir
    Path dir;

    @AfterEach
    void forgetTheOutput() {
        System.clearProperty("BENCH_LEVEL_OUT");
    }

    @Test
    void shouldKeepAnswersToRequestsSentInTheLeadInApartWhenTheLevelHasOne() {
        Path out = dir.resolve("rate.json");
        System.setProperty("BENCH_LEVEL_OUT", out.toString());
        long begun = System.currentTimeMillis();

        LevelRecorder.start(300);
        LevelRecorder.outcome(201, null, 40, true);
        LevelRecorder.outcome(409, "OUT_OF_STOCK", 5, false);
        awaitClock(begun + 350);
        LevelRecorder.outcome(201, null, 200, true); // answered after the lead-in, sent in it
        LevelRecorder.outcome(201, null, 1, true);
        LevelRecorder.outcome(503, null, 2, false);
        LevelRecorder.finish(Map.of("name", "rate", "seconds", 1));

        JsonNode level = Json.read(out);
        assertEquals(2, level.path("requests").asLong());
        assertEquals(1, level.path("ok").asLong());
        assertEquals(0.5, level.path("errorRate").asDouble());
        assertEquals("{\"201\":1,\"503\":1}", level.path("outcomes").toString());
        assertEquals(1.0, level.path("p99Ms").asDouble());
        assertTrue(level.path("startedAt").asLong() >= begun + 300, "the window opens when the lead-in ends");
        JsonNode leadIn = level.path("leadIn");
        assertEquals(3, leadIn.path("requests").asLong());
        assertEquals(2, leadIn.path("ok").asLong());
        assertEquals(200.0, leadIn.path("p99Ms").asDouble());
    }

    @Test
    void shouldCountEveryAnswerWhenTheLevelHasNoLeadIn() {
        Path out = dir.resolve("c16.json");
        System.setProperty("BENCH_LEVEL_OUT", out.toString());

        LevelRecorder.start();
        LevelRecorder.outcome(201, null, 40, true);
        LevelRecorder.outcome(201, null, 90, true);
        LevelRecorder.finish(Map.of("name", "c16", "seconds", 1));

        JsonNode level = Json.read(out);
        assertEquals(2, level.path("requests").asLong());
        assertEquals(90.0, level.path("p99Ms").asDouble());
        assertFalse(level.has("leadIn"));
    }

    /** Waits, with a bound, until the wall clock has passed {@code millis}. */
    private static void awaitClock(long millis) {
        long bound = millis + 5_000;
        while (System.currentTimeMillis() < millis) {
            if (System.currentTimeMillis() > bound) {
                throw new AssertionError("the clock did not advance");
            }
            Thread.onSpinWait();
        }
    }
}
