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
        Path out = levelOut("rate");
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
        Path out = levelOut("c16");

        LevelRecorder.start();
        LevelRecorder.outcome(201, null, 40, true);
        LevelRecorder.outcome(201, null, 90, true);
        LevelRecorder.finish(Map.of("name", "c16", "seconds", 1));

        JsonNode level = Json.read(out);
        assertEquals(2, level.path("requests").asLong());
        assertEquals(90.0, level.path("p99Ms").asDouble());
        assertFalse(level.has("leadIn"));
    }

    /** Where the LevelRecorder writes the level's JSON, as bench/run.sh's BENCH_LEVEL_OUT. */
    private Path levelOut(String level) {
        Path out = dir.resolve(level + ".json");
        System.setProperty("BENCH_LEVEL_OUT", out.toString());
        return out;
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
