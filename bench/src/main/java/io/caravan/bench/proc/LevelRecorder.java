package io.caravan.bench.proc;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.caravan.bench.Env;
import io.caravan.bench.Json;
import io.caravan.bench.Latencies;

/**
 * What one Gatling run (one level) measured besides Gatling's own statistics: each app's CPU seconds and memory
 * just before the first virtual user and just after the last (so idle time of the Maven and Gatling start-up is
 * not in the window), the CPU of the servers they use (PostgreSQL with its backends, the Kafka broker's JVM), the
 * load generator's own CPU, and the outcomes by status and problem code, plus the units
 * of the hot product the clients were told were sold. Written to BENCH_LEVEL_OUT when the run ends.
 */
public final class LevelRecorder {

    private static final Map<String, LongAdder> OUTCOMES = new ConcurrentHashMap<>();
    private static final LongAdder SOLD_UNITS = new LongAdder();
    /** Response times of the answers that count as success for the scenario (Gatling's "OK" column). */
    private static final Latencies OK_LATENCIES = new Latencies();
    private static Map<String, Long> pids = Map.of();
    private static Map<String, ProcSample> before = Map.of();
    private static Map<String, Long> infraPids = Map.of();
    private static Map<String, ProcSample> infraBefore = Map.of();
    private static ProcSample generatorBefore;
    private static long startedAt;

    private LevelRecorder() {
    }

    /**
     * Call from Simulation.before(). BENCH_PIDS is "user=PID,catalog=PID,order=PID" (empty when not local),
     * BENCH_INFRA_PIDS the same for the servers, "postgres=PID,kafka=PID", each sampled with its descendants.
     */
    public static void start() {
        pids = ProcSampler.parsePids(Env.str("BENCH_PIDS", ""));
        infraPids = ProcSampler.parsePids(Env.str("BENCH_INFRA_PIDS", ""));
        before = ProcSampler.sampleAll(pids);
        infraBefore = ProcSampler.sampleTrees(infraPids);
        generatorBefore = ProcSampler.self("gatling");
        startedAt = System.currentTimeMillis();
    }

    /** One answer: its status, for a problem document its code, and its response time as Gatling measured it. */
    public static void outcome(int status, String code, long responseMillis, boolean ok) {
        if (ok) {
            synchronized (OK_LATENCIES) {
                OK_LATENCIES.add(responseMillis * 1_000_000);
            }
        }
        String key = code == null || code.isBlank() ? Integer.toString(status) : status + " " + code;
        OUTCOMES.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    public static void sold(long units) {
        SOLD_UNITS.add(units);
    }

    /** Call from Simulation.after(). */
    public static void finish(Map<String, Object> settings) {
        long endedAt = System.currentTimeMillis();
        Map<String, ProcSample> after = ProcSampler.sampleAll(pids);
        Map<String, ProcSample> infraAfter = ProcSampler.sampleTrees(infraPids);
        ProcSample generatorAfter = ProcSampler.self("gatling");
        Map<String, Object> level = new LinkedHashMap<>(settings);
        level.put("startedAt", startedAt);
        level.put("endedAt", endedAt);
        level.put("windowSeconds", (endedAt - startedAt) / 1000.0);
        Map<String, Object> apps = new LinkedHashMap<>();
        for (String app : pids.keySet()) {
            ProcSample b = before.get(app);
            ProcSample a = after.get(app);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("present", a.present() && b.present());
            m.put("cpuSeconds", round(a.cpuSeconds() - b.cpuSeconds()));
            m.put("rssMiB", round(a.rssMiB()));
            m.put("peakRssMiB", round(a.peakRssMiB()));
            apps.put(app, m);
        }
        level.put("apps", apps);
        Map<String, Object> infra = new LinkedHashMap<>();
        for (String server : infraPids.keySet()) {
            ProcSample b = infraBefore.get(server);
            ProcSample a = infraAfter.get(server);
            infra.put(server, Map.of("present", a.present() && b.present(), "cpuSeconds", round(a.cpuSeconds() - b.cpuSeconds())));
        }
        level.put("infra", infra);
        level.put("generatorCpuSeconds", round(generatorAfter.cpuSeconds() - generatorBefore.cpuSeconds()));
        Map<String, Long> outcomes = new TreeMap<>();
        OUTCOMES.forEach((k, v) -> outcomes.put(k, v.sum()));
        level.put("outcomes", outcomes);
        level.put("soldUnits", SOLD_UNITS.sum());
        synchronized (OK_LATENCIES) {
            long ok = OK_LATENCIES.size();
            long all = outcomes.values().stream().mapToLong(Long::longValue).sum();
            level.put("requests", all);
            level.put("ok", ok);
            level.put("errorRate", all == 0 ? 0 : round4((all - ok) / (double) all));
            level.put("okPerSecond", round(ok / ((Number) settings.get("seconds")).doubleValue()));
            level.put("p50Ms", OK_LATENCIES.percentileMillis(50));
            level.put("p95Ms", OK_LATENCIES.percentileMillis(95));
            level.put("p99Ms", OK_LATENCIES.percentileMillis(99));
            level.put("maxMs", OK_LATENCIES.percentileMillis(100));
        }
        Json.write(Path.of(Env.str("BENCH_LEVEL_OUT", "level.json")), level);
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
