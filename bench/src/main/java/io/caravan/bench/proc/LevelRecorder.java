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
 * What one Gatling run (one level) measured besides Gatling's own statistics: each app's CPU seconds (and the part
 * of them its JIT compilers used) and memory just before the first virtual user and just after the last (so idle
 * time of the Maven and Gatling start-up is not in the window), the CPU of the servers they use (PostgreSQL with
 * its backends, the Kafka broker's JVM), the load generator's own CPU, and the outcomes by status and problem code,
 * plus the units of the hot product the clients were told were sold. Written to BENCH_LEVEL_OUT when the run ends.
 *
 * <p>A level may begin with a lead-in (BENCH_LEAD_IN seconds, the same load): the window then starts when the
 * lead-in ends, and the answers to requests sent before that are kept apart ("leadIn" in the JSON), counted
 * neither in the level's outcomes nor in its latencies. Gatling starts a new JVM for every level, and its own
 * first seconds (class loading, its JIT compiling) take the CPU the apps share with it on a small machine: in
 * four open-model runs at half the best throughput, the first second's median was 74-166 ms, each later second's
 * 10-75 ms, and the first second decided the run's p99. Units sold count whole, lead-in included (the oversell
 * check compares them with the stock).
 */
public final class LevelRecorder {

    private static final Map<String, LongAdder> OUTCOMES = new ConcurrentHashMap<>();
    private static final LongAdder SOLD_UNITS = new LongAdder();
    /** Response times of the answers that count as success for the scenario (Gatling's "OK" column). */
    private static final Latencies OK_LATENCIES = new Latencies();
    private static final Map<String, LongAdder> LEAD_IN_OUTCOMES = new ConcurrentHashMap<>();
    private static final Latencies LEAD_IN_OK_LATENCIES = new Latencies();
    private static Map<String, Long> pids = Map.of();
    private static Map<String, ProcSample> before = Map.of();
    private static Map<String, Long> infraPids = Map.of();
    private static Map<String, ProcSample> infraBefore = Map.of();
    private static ProcSample generatorBefore;
    private static volatile long startedAt;
    private static volatile long leadInEndsAt;
    private static long leadInMillis;

    private LevelRecorder() {
    }

    /**
     * Call from Simulation.before(). BENCH_PIDS is "user=PID,catalog=PID,order=PID" (empty when not local),
     * BENCH_INFRA_PIDS the same for the servers, "postgres=PID,kafka=PID", each sampled with its descendants.
     */
    public static void start() {
        start(0);
    }

    /** As {@link #start()}, the window starting once {@code leadInMillis} have passed (0: at once). */
    public static void start(long leadInMillis) {
        pids = ProcSampler.parsePids(Env.str("BENCH_PIDS", ""));
        infraPids = ProcSampler.parsePids(Env.str("BENCH_INFRA_PIDS", ""));
        LevelRecorder.leadInMillis = leadInMillis;
        startedAt = 0;
        OUTCOMES.clear();
        LEAD_IN_OUTCOMES.clear();
        SOLD_UNITS.reset();
        synchronized (OK_LATENCIES) {
            OK_LATENCIES.clear();
        }
        synchronized (LEAD_IN_OK_LATENCIES) {
            LEAD_IN_OK_LATENCIES.clear();
        }
        leadInEndsAt = System.currentTimeMillis() + leadInMillis;
        if (leadInMillis == 0) {
            openWindow();
            return;
        }
        Thread opener = new Thread(() -> {
            try {
                Thread.sleep(leadInMillis); // until the lead-in ends: the window opens then
                openWindow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "level-window");
        opener.setDaemon(true);
        opener.start();
    }

    private static synchronized void openWindow() {
        if (startedAt != 0) {
            return;
        }
        before = ProcSampler.sampleAll(pids);
        infraBefore = ProcSampler.sampleTrees(infraPids);
        generatorBefore = ProcSampler.self("gatling");
        startedAt = System.currentTimeMillis();
    }

    /**
     * One answer: its status, for a problem document its code, and its response time as Gatling measured it. An
     * answer to a request sent during the lead-in is kept apart.
     */
    public static void outcome(int status, String code, long responseMillis, boolean ok) {
        boolean leadIn = leadInMillis > 0 && System.currentTimeMillis() - responseMillis < leadInEndsAt;
        Latencies latencies = leadIn ? LEAD_IN_OK_LATENCIES : OK_LATENCIES;
        if (ok) {
            synchronized (latencies) {
                latencies.add(responseMillis * 1_000_000);
            }
        }
        String key = code == null || code.isBlank() ? Integer.toString(status) : status + " " + code;
        (leadIn ? LEAD_IN_OUTCOMES : OUTCOMES).computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    public static void sold(long units) {
        SOLD_UNITS.add(units);
    }

    /** Call from Simulation.after(). */
    public static void finish(Map<String, Object> settings) {
        openWindow(); // a run shorter than its lead-in: an empty window
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
            m.put("jitCpuSeconds", round(a.jitCpuSeconds() - b.jitCpuSeconds()));
            m.put("rssMiB", round(a.rssMiB()));
            m.put("peakRssMiB", round(a.peakRssMiB()));
            apps.put(app, m);
        }
        level.put("apps", apps);
        Map<String, Object> infra = new LinkedHashMap<>();
        for (String server : infraPids.keySet()) {
            ProcSample b = infraBefore.get(server);
            ProcSample a = infraAfter.get(server);
            infra.put(server, Map.of("present", a.present() && b.present(),
                    "cpuSeconds", round(a.cpuSeconds() - b.cpuSeconds()),
                    "jitCpuSeconds", round(a.jitCpuSeconds() - b.jitCpuSeconds())));
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
        if (leadInMillis > 0) {
            long leadInAll = LEAD_IN_OUTCOMES.values().stream().mapToLong(LongAdder::sum).sum();
            Map<String, Object> leadIn = new LinkedHashMap<>();
            leadIn.put("seconds", leadInMillis / 1000.0);
            leadIn.put("requests", leadInAll);
            synchronized (LEAD_IN_OK_LATENCIES) {
                leadIn.put("ok", LEAD_IN_OK_LATENCIES.size());
                leadIn.put("p50Ms", LEAD_IN_OK_LATENCIES.percentileMillis(50));
                leadIn.put("p99Ms", LEAD_IN_OK_LATENCIES.percentileMillis(99));
                leadIn.put("maxMs", LEAD_IN_OK_LATENCIES.percentileMillis(100));
            }
            level.put("leadIn", leadIn);
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
