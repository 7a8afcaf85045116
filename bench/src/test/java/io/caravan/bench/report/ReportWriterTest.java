package io.caravan.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
                "apps", Map.of("order", Map.of("present", true, "cpuSeconds", 15.0, "jitCpuSeconds", 1.5, "rssMiB", 300.0,
                        "peakRssMiB", 350.0))));

        ReportWriter.main(new String[] {run.toString()});
        String report = Files.readString(run.resolve("REPORT.md"));

        assertTrue(report.contains("| 4 | 100.0 | 20.00 | 60.00 | 90.00 | 0.0 % | 800.0 | 400.0 | 25.0 % | 12.5 % |"), report);
        assertTrue(report.contains("100.0 orders/s (c=4) vs 400.0 (split, c=4): 25 % | **no** |"), report);
        // 15 CPU s, 1.5 of them compiling; 15 CPU s / 3,000 orders
        assertTrue(report.contains("| c4 | order | 15.00 | 1.50 | 5.00 | 300.0 | 350.0 |"), report);
    }

    @Test
    void shouldAddEveryProcessCpuPerOrderWhenTheServersWereSampled(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("run.env"), "RUN_ID=t2\nLEVELS=16\nSCENARIO=orders\n");
        writeSampledC16(run);

        ReportWriter.main(new String[] {run.toString()});
        String report = Files.readString(run.resolve("REPORT.md"));

        // per 3,000 orders: user 1 ms, order 5, postgres 4, kafka 0.5; together 10.5, of it compiling 0.6; Gatling 2
        assertTrue(report.contains("## CPU per order, every process"), report);
        Map<String, String> c16 = row(report, "orders/s", "c16");
        assertEquals(Map.of("run", "c16", "orders/s", "100.0", "user", "1.00", "order", "5.00", "postgres", "4.00",
                "kafka", "0.50", "system", "10.50", "of it JIT", "0.60", "(Gatling)", "2.00"), c16, report);
    }

    @Test
    void shouldSayWhatTheBestLevelsCpuPerOrderAllowsAndWhatTheTargetLeaves(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("run.env"), "RUN_ID=t4\nLEVELS=4,16\nSCENARIO=orders\nCORES=2\n");
        Json.write(run.resolve("reference.json"), Map.of("server", Map.of(), "points", List.of(
                Map.of("variant", "split", "clients", 16, "ordersPerSec", 400.0, "consistent", true))));
        Json.write(run.resolve("levels/c4.json"), Map.of("clients", 4, "seconds", 30, "okPerSecond", 80.0, "ok", 2400,
                "generatorCpuSeconds", 2.4, "apps", Map.of("order", Map.of("present", true, "cpuSeconds", 30.0))));
        writeSampledC16(run);

        ReportWriter.main(new String[] {run.toString()});
        String report = Files.readString(run.resolve("REPORT.md"));

        // c16 is the best level: 10.5 ms system + 2 ms Gatling per order; 2,000 ms a second / 12.5 = 160 orders/s;
        // the target is half of 400, which leaves 2,000 / 200 = 10 ms per order
        assertEquals("–", row(report, "orders/s", "c4").get("of it JIT"), "a level recorded without the compilers' CPU");
        assertTrue(report.contains("**The cores' budget at c16, the best level.** Every process together used 12.50 ms of "
                + "CPU per order (system 10.50, Gatling 2.00). 2 cores give 2000 ms of CPU a second, so at that cost they "
                + "carry at most 160.0 orders/s; the level completed 100.0, 63 % of that ceiling. The throughput target, "
                + "200.0 orders/s (half the split reference's best), leaves 10.00 ms of CPU per order for every process on "
                + "the machine, Gatling included."), report);
    }

    @Test
    void shouldReadTheLatencyTargetAfterTheLeadInAndStillShowTheLeadIn(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("run.env"), "RUN_ID=t3\nLEVELS=16\nSCENARIO=orders\n");
        Json.write(run.resolve("levels/c16.json"), Map.of("clients", 16, "seconds", 30, "okPerSecond", 200.0, "ok", 6000,
                "p50Ms", 70.0, "p95Ms", 120.0, "p99Ms", 150.0, "errorRate", 0.0));
        Json.write(run.resolve("levels/rate.json"), Map.of("model", "open", "rate", 100.0, "seconds", 20,
                "okPerSecond", 100.0, "ok", 2000, "p50Ms", 15.0, "p95Ms", 40.0, "p99Ms", 60.0, "errorRate", 0.0,
                "leadIn", Map.of("seconds", 5.0, "requests", 500, "ok", 500, "p50Ms", 30.0, "p99Ms", 240.0)));

        ReportWriter.main(new String[] {run.toString()});
        String report = Files.readString(run.resolve("REPORT.md"));

        assertTrue(report.contains("| p99 ≤ 100 ms at half that throughput | p99 60 ms at 100.0 orders/s offered (open model; "
                + "100.0 completed/s, error rate 0.00 %) (a 5 s lead-in at the same rate before it is not counted: 500 answers, "
                + "p50 30 ms, p99 240 ms) | yes |"), report);
        assertTrue(report.contains("The open-model run's figures leave out its first seconds (a 5 s lead-in"), report);
    }

    /**
     * Level c16: 3,000 orders at 100/s, every process sampled (CPU s: user 3, order 15, postgres 12, kafka 1.5, Gatling 6;
     * of them the JIT compilers': user 0.3, order 1.2, kafka 0.3).
     */
    private static void writeSampledC16(Path run) throws Exception {
        Json.write(run.resolve("levels/c16.json"), Map.of("clients", 16, "seconds", 30, "okPerSecond", 100.0, "ok", 3000,
                "generatorCpuSeconds", 6.0,
                "apps", Map.of("user", Map.of("present", true, "cpuSeconds", 3.0, "jitCpuSeconds", 0.3),
                        "order", Map.of("present", true, "cpuSeconds", 15.0, "jitCpuSeconds", 1.2)),
                "infra", Map.of("postgres", Map.of("present", true, "cpuSeconds", 12.0, "jitCpuSeconds", 0.0),
                        "kafka", Map.of("present", true, "cpuSeconds", 1.5, "jitCpuSeconds", 0.3))));
    }

    /** The cells of the row that starts with {@code first}, by column, in the table whose header has {@code column}. */
    private static Map<String, String> row(String report, String column, String first) {
        List<String> lines = report.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            List<String> header = cells(lines.get(i));
            if (!header.contains(column)) {
                continue;
            }
            for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                List<String> row = cells(lines.get(j));
                if (row.get(0).equals(first)) {
                    Map<String, String> byColumn = new HashMap<>();
                    for (int k = 0; k < header.size(); k++) {
                        byColumn.put(header.get(k), row.get(k));
                    }
                    return byColumn;
                }
            }
        }
        throw new AssertionError("no row " + first + " under a column " + column + " in\n" + report);
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        if (!inner.startsWith("|")) {
            return List.of();
        }
        return List.of(inner.substring(1, inner.length() - 1).split("\\|")).stream().map(String::strip).toList();
    }

    @Test
    void shouldRenderDashesWhenACellHasNoValue() {
        assertEquals("| a | b |\n|---|---|\n| – | x \\| y |\n", new MarkdownTable("a", "b").row(Double.NaN, "x | y").toString());
    }
}
