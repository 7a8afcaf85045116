package io.caravan.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.caravan.bench.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {

    @Test
    void shouldCompareEachLevelWithTheReferenceAtTheSameClientsWhenBothRan(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("run.env"), "RUN_ID=t1\nLEVELS=4\nSCENARIO=orders\nHOT_CLIENTS=16\n");
        Json.write(run.resolve("reference.json"), Map.of("server", Map.of(), "points", List.of(
                Map.of("variant", "split", "clients", 4, "ordersPerSec", 400.0, "consistent", true),
                Map.of("variant", "mono", "clients", 4, "ordersPerSec", 800.0, "consistent", true))));
        Json.write(run.resolve("levels/c4.json"), Map.of("clients", 4, "seconds", 30, "okPerSecond", 100.0, "ok", 3000,
                "p50Ms", 20.0, "p95Ms", 60.0, "p99Ms", 90.0, "errorRate", 0.0, "outcomes", Map.of("201", 3000),
                "apps", Map.of("order", Map.of("present", true, "cpuSeconds", 15.0, "rssMiB", 300.0, "peakRssMiB", 350.0))));

        ReportWriter.main(new String[] {run.toString()});
        String report = Files.readString(run.resolve("REPORT.md"));

        assertTrue(report.contains("| 4 | 100.0 | 20.00 | 60.00 | 90.00 | 0.0 % | 800.0 | 400.0 | 25.0 % | 12.5 % |"), report);
        assertTrue(report.contains("100.0 orders/s (c=4) vs 400.0 (split, c=4): 25 % | **no** |"), report);
        assertTrue(report.contains("| c4 | order | 15.00 | 5.00 | 300.0 | 350.0 |"), report); // 15 CPU s / 3,000 orders
    }

    @Test
    void shouldRenderDashesWhenACellHasNoValue() {
        assertEquals("| a | b |\n|---|---|\n| – | x \\| y |\n", new MarkdownTable("a", "b").row(Double.NaN, "x | y").toString());
    }
}
