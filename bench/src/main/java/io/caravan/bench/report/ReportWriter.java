package io.caravan.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.bench.Env;
import io.caravan.bench.proc.ProcSample;
import io.caravan.bench.proc.ProcSampler;

/**
 * Writes REPORT.md for one run folder: the targets (not asserted), orders per concurrency level against the
 * reference, the reference itself, the hot-product runs and the oversell check, each app's CPU and memory,
 * start-up times and the data load, with links to Gatling's HTML reports. Each app's peak RSS is read from
 * /proc at the time of writing (BENCH_PIDS), so run this before the apps stop.
 *
 * <p>{@code ReportWriter DIR} writes DIR/REPORT.md; {@code ReportWriter DIR half-best-rate} prints half the best
 * closed-model throughput (the open-model rate at which the latency target is read).
 */
public final class ReportWriter {

    private final RunFolder run;
    private final StringBuilder md = new StringBuilder();
    private final List<Integer> levels;
    private final boolean standIn;

    private ReportWriter(RunFolder run) {
        this.run = run;
        this.levels = Env.parseIntegers(run.setting("LEVELS", "1,4,16,64"));
        this.standIn = "users".equals(run.setting("SCENARIO", "orders"));
    }

    public static void main(String[] args) throws IOException {
        RunFolder run = RunFolder.open(Path.of(args[0]));
        ReportWriter writer = new ReportWriter(run);
        if (args.length > 1 && args[1].equals("half-best-rate")) {
            System.out.printf("%.1f%n", writer.bestLevel().map(l -> l.path("okPerSecond").asDouble() / 2).orElse(0.0));
            return;
        }
        Files.writeString(run.dir().resolve("REPORT.md"), writer.write());
        System.out.println("report: " + run.dir().resolve("REPORT.md"));
    }

    String write() {
        header();
        targets();
        orderLevels();
        reference();
        hot();
        resources();
        cpuPerOrder();
        startup();
        load();
        notes();
        return md.toString();
    }

    private void header() {
        md.append("# Caravan benchmark ").append(run.setting("RUN_ID", "")).append("\n\n");
        md.append("- Command: `").append(run.setting("COMMAND", "bench/run.sh")).append("`\n");
        md.append("- Commit: ").append(run.setting("GIT_COMMIT", "?")).append(" (").append(run.setting("GIT_BRANCH", "?")).append(")\n");
        md.append("- Machine: ").append(run.setting("MACHINE", "?")).append("; ").append(run.setting("JAVA_VERSION", "")).append('\n');
        JsonNode ref = run.json("reference.json");
        if (ref != null) {
            md.append("- PostgreSQL (shared by the apps and the reference): ").append(ref.path("server").toString()).append('\n');
        }
        md.append("- System: ").append(run.setting("SYSTEM", "?")).append("; app JVM options: `")
                .append(run.setting("APP_JAVA_OPTS", "(none: JVM defaults)")).append("`; Gatling's extra JVM options: `")
                .append(run.setting("GATLING_JVM_ARGS", "(none: Gatling's defaults)")).append("`\n");
        md.append("- Workload: ").append(standIn
                ? "**POST /users (stand-in: order-app has no POST /orders yet)**"
                : "POST /orders, 2 lines (quantity 1..3), points on " + run.setting("POINTS_SHARE", "0.3")
                        + " of orders, the user's coupon (OPTIONAL) on " + run.setting("COUPON_SHARE", "0.3")
                        + " of orders whose user holds one, card payment")
                .append("; closed model (constantConcurrentUsers) ").append(run.setting("DURATION", "30"))
                .append(" s per level after a ").append(run.setting("WARMUP", "180")).append(" s warm-up; reference ")
                .append(run.setting("REF_DURATION", "10")).append(" s per point\n\n");
    }

    private void targets() {
        md.append("## Targets (reported, not asserted)\n\n");
        MarkdownTable t = new MarkdownTable("target", "measured", "met");
        var best = bestLevel();
        JsonNode bestSplit = bestReference("split");
        if (best.isPresent() && bestSplit != null && !standIn) {
            double ratio = best.get().path("okPerSecond").asDouble() / bestSplit.path("ordersPerSec").asDouble();
            t.row("orders/s ≥ 50 % of the split reference", String.format("%.1f orders/s (c=%d) vs %.1f (split, c=%d): %.0f %%",
                    best.get().path("okPerSecond").asDouble(), best.get().path("clients").asInt(),
                    bestSplit.path("ordersPerSec").asDouble(), bestSplit.path("clients").asInt(), ratio * 100), yes(ratio >= 0.5));
        } else {
            t.row("orders/s ≥ 50 % of the split reference", standIn ? "not measured: no POST /orders yet" : "not measured", "–");
        }
        JsonNode rate = run.level("rate");
        if (rate != null && !standIn) {
            t.row("p99 ≤ 100 ms at half that throughput", String.format("p99 %.0f ms at %.1f orders/s offered (open model; %.1f completed/s, error rate %.2f %%)%s",
                    rate.path("p99Ms").asDouble(), rate.path("rate").asDouble(), rate.path("okPerSecond").asDouble(),
                    rate.path("errorRate").asDouble() * 100, leadIn(rate)),
                    yes(rate.path("p99Ms").asDouble() <= 100 && rate.path("errorRate").asDouble() == 0));
        } else {
            t.row("p99 ≤ 100 ms at half that throughput", "not measured", "–");
        }
        JsonNode hot = run.level("hot-ample");
        JsonNode hotRef = referencePoint("hot", hotClients());
        if (hot != null && hotRef != null) {
            double ratio = hot.path("okPerSecond").asDouble() / hotRef.path("ordersPerSec").asDouble();
            t.row("hot product ≥ 50 % of the reference hot-row rate", String.format("%.1f orders/s vs %.1f (hot, c=%d): %.0f %%",
                    hot.path("okPerSecond").asDouble(), hotRef.path("ordersPerSec").asDouble(), hotClients(), ratio * 100), yes(ratio >= 0.5));
        } else {
            t.row("hot product ≥ 50 % of the reference hot-row rate", "not measured", "–");
        }
        JsonNode oversell = run.json("oversell.json");
        t.row("zero oversell", oversell == null ? "not checked" : oversell.path("noOversell").asBoolean() ? "none found" : "see Hot product",
                oversell == null ? "–" : yes(oversell.path("noOversell").asBoolean()));
        Map<String, ProcSample> now = ProcSampler.sampleAll(ProcSampler.parsePids(Env.str("BENCH_PIDS", run.setting("PIDS", ""))));
        List<String> rss = new ArrayList<>();
        boolean rssOk = !now.isEmpty();
        for (ProcSample s : now.values()) {
            rss.add(s.name() + " " + (s.present() ? String.format("%.0f MiB", s.peakRssMiB()) : "?"));
            rssOk &= s.present() && s.peakRssMiB() < 400;
        }
        t.row("each app < 400 MB RSS (peak VmHWM)", rss.isEmpty() ? "not measured" : String.join(", ", rss), rss.isEmpty() ? "–" : yes(rssOk));
        List<String> ready = new ArrayList<>();
        boolean readyOk = !run.startup().isEmpty();
        for (String[] s : run.startup()) {
            long ms = Long.parseLong(s[2]);
            ready.add(s[0] + " " + (ms < 0 ? "never" : String.format("%.1f s", ms / 1000.0)));
            readyOk &= ms >= 0 && ms < 10_000;
        }
        t.row("each app ready < 10 s", ready.isEmpty() ? "not measured (system already running)" : String.join(", ", ready),
                ready.isEmpty() ? "–" : yes(readyOk));
        md.append(t).append('\n');
    }

    private void orderLevels() {
        md.append(standIn ? "## POST /users by concurrency (stand-in workload)\n\n" : "## Orders by concurrency\n\n");
        MarkdownTable t = new MarkdownTable("clients", standIn ? "requests/s" : "orders/s", "p50 ms", "p95 ms", "p99 ms",
                "error rate", "ref mono /s", "ref split /s", "vs split", "vs mono", "Gatling report");
        for (int c : levels) {
            JsonNode l = run.level("c" + c);
            if (l == null) {
                continue;
            }
            JsonNode mono = referencePoint("mono", c);
            JsonNode split = referencePoint("split", c);
            double ok = l.path("okPerSecond").asDouble();
            t.row(c, ok, l.path("p50Ms").asDouble(), l.path("p95Ms").asDouble(), l.path("p99Ms").asDouble(),
                    percent(l.path("errorRate").asDouble()), mono == null ? null : mono.path("ordersPerSec").asDouble(),
                    split == null ? null : split.path("ordersPerSec").asDouble(),
                    standIn || split == null ? null : percent(ok / split.path("ordersPerSec").asDouble()),
                    standIn || mono == null ? null : percent(ok / mono.path("ordersPerSec").asDouble()), link(run.gatlingLink("c" + c)));
        }
        JsonNode rate = run.level("rate");
        if (rate != null) {
            t.row(String.format("open %.1f/s", rate.path("rate").asDouble()), rate.path("okPerSecond").asDouble(),
                    rate.path("p50Ms").asDouble(), rate.path("p95Ms").asDouble(), rate.path("p99Ms").asDouble(),
                    percent(rate.path("errorRate").asDouble()), null, null, null, null, link(run.gatlingLink("rate")));
        }
        md.append(t.isEmpty() ? "No level ran.\n" : t.toString()).append('\n');
        if (rate != null && rate.has("leadIn")) {
            md.append("The open-model run's figures leave out its first seconds").append(leadIn(rate)).append(": Gatling starts ")
                    .append("a new JVM for each run, and its first seconds (its JIT compiling) take CPU from the apps on ")
                    .append("the same machine. The Gatling report of the run includes the lead-in.\n\n");
        }
        md.append("Latencies are Gatling's response times of the successful answers; the error rate counts every other answer. ")
                .append("Answers by status and problem code:\n\n");
        for (String name : levelNames()) {
            JsonNode l = run.level(name);
            if (l != null) {
                md.append("- ").append(name).append(": ").append(l.path("outcomes").toString()).append('\n');
            }
        }
        md.append('\n');
    }

    private void reference() {
        md.append("## Reference: the database's own limit (same writes over JDBC, no HTTP, no Kafka)\n\n");
        JsonNode ref = run.json("reference.json");
        if (ref == null) {
            md.append("The reference did not run.\n\n");
            return;
        }
        md.append("mono/hot = all writes of an order in one transaction in one database; split/split-hot = catalog, user, ")
                .append("then order's two transactions, one after another per order, in three databases (latency = the chain); ")
                .append("split-par = pglimit's pgbench way: the three services' scripts side by side, N clients each, rate = slowest script. ")
                .append("Every point starts from reset data (VACUUM ANALYZE, CHECKPOINT) and ends with a consistency check.\n\n");
        MarkdownTable t = new MarkdownTable("variant", "clients", "orders/s", "p50 ms", "p95 ms", "p99 ms", "refused", "errors", "consistent");
        for (JsonNode p : ref.path("points")) {
            t.row(p.path("variant").asText(), p.path("clients").asInt(), p.path("ordersPerSec").asDouble(), p.path("p50Ms").asDouble(),
                    p.path("p95Ms").asDouble(), p.path("p99Ms").asDouble(), p.path("refused").asLong(), p.path("errors").asLong(),
                    yes(p.path("consistent").asBoolean()));
        }
        md.append(t).append('\n');
    }

    private void hot() {
        md.append("## Hot product\n\n");
        MarkdownTable t = new MarkdownTable("scenario", "clients", "completed orders/s", "p50 ms", "p95 ms", "p99 ms", "error rate",
                "ref hot /s", "ref split-hot /s", "vs hot", "units sold / stock", "answers", "Gatling report");
        JsonNode hotRef = referencePoint("hot", hotClients());
        JsonNode splitHotRef = referencePoint("split-hot", hotClients());
        for (String name : List.of("hot-ample", "hot-scarce")) {
            JsonNode l = run.level(name);
            if (l == null) {
                continue;
            }
            double ok = l.path("outcomes").path("201").asLong() / l.path("seconds").asDouble();
            boolean ample = name.equals("hot-ample");
            t.row(name, l.path("clients").asInt(), ok, l.path("p50Ms").asDouble(), l.path("p95Ms").asDouble(), l.path("p99Ms").asDouble(),
                    percent(l.path("errorRate").asDouble()), hotRef == null ? null : hotRef.path("ordersPerSec").asDouble(),
                    splitHotRef == null ? null : splitHotRef.path("ordersPerSec").asDouble(),
                    ample && hotRef != null ? percent(ok / hotRef.path("ordersPerSec").asDouble()) : null,
                    l.path("soldUnits").asLong() + " / " + l.path("initialStock").asLong(), l.path("outcomes").toString(),
                    link(run.gatlingLink(name)));
        }
        if (t.isEmpty()) {
            md.append("Not run (needs POST /orders and the loader's hot products).\n\n");
        } else {
            md.append(t).append("\nLatencies are those of the right answers: 201, and for hot-scarce also 409 INSUFFICIENT_STOCK once it is ")
                    .append("sold out; completed orders/s count 201 only. Units sold = the hot product's units in 201 answers.\n\n");
        }
        JsonNode oversell = run.json("oversell.json");
        if (oversell != null) {
            md.append("Oversell check (`oversell.json`): **").append(oversell.path("noOversell").asBoolean() ? "no oversell" : "OVERSELL OR NOT VERIFIED")
                    .append("**\n\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = oversell.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isObject()) {
                    md.append("- ").append(e.getKey()).append(": ").append(e.getValue().toString()).append('\n');
                }
            }
            md.append('\n');
        }
    }

    private void resources() {
        md.append("## Resources per app\n\n");
        md.append("CPU seconds (utime+stime from /proc/PID/stat) between the first and the last virtual user of each Gatling run, ")
                .append("and the part of them the app's JIT compiler threads used (/proc/PID/task: C1 and C2 CompilerThread); ")
                .append("RSS (VmRSS) after it and peak (VmHWM) so far. The load generator shares the same cores; its own CPU is listed too.\n\n");
        MarkdownTable t = new MarkdownTable("run", "app", "CPU s", "of it JIT s", "CPU s per 1,000 " + (standIn ? "requests" : "orders"),
                "RSS after MiB", "peak RSS MiB");
        for (String name : levelNames()) {
            JsonNode l = run.level(name);
            if (l == null) {
                continue;
            }
            long ok = l.path("ok").asLong();
            for (Iterator<Map.Entry<String, JsonNode>> it = l.path("apps").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().path("present").asBoolean()) {
                    t.row(name, e.getKey(), "not running", null, null, null, null);
                    continue;
                }
                double cpu = e.getValue().path("cpuSeconds").asDouble();
                t.row(name, e.getKey(), cpu, jit(e.getValue()), ok == 0 ? null : cpu * 1000 / ok,
                        e.getValue().path("rssMiB").asDouble(), e.getValue().path("peakRssMiB").asDouble());
            }
            double gen = l.path("generatorCpuSeconds").asDouble();
            t.row(name, "(Gatling)", gen, null, ok == 0 ? null : gen * 1000 / ok, null, null);
        }
        md.append(t.isEmpty() ? "No process was sampled (system not started by the benchmark and BENCH_PIDS not set).\n" : t.toString()).append('\n');
    }

    /** The CPU seconds a process's JIT compilers used in the level; null in a level recorded without them. */
    private static Double jit(JsonNode process) {
        return process.has("jitCpuSeconds") ? process.path("jitCpuSeconds").asDouble() : null;
    }

    /**
     * Every process an order runs through, in CPU milliseconds per completed order: the three apps, PostgreSQL (the
     * server with all its backends, the reference's idle ones included) and the Kafka broker's JVM (BENCH_INFRA_PIDS),
     * and the load generator. The sum without Gatling is what the system under test spent; on 2 cores, 2,000 ms per
     * second of it is the most there is.
     */
    private void cpuPerOrder() {
        String unit = standIn ? "request" : "order";
        md.append("## CPU per ").append(unit).append(", every process\n\n");
        md.append("CPU milliseconds per completed ").append(unit).append(" in each Gatling run, from the same /proc windows as above. ")
                .append("PostgreSQL is its server process with every backend (and what ended backends used); Kafka is the broker's JVM (local-stack). ")
                .append("`system` adds the apps, PostgreSQL and Kafka, not Gatling; `of it JIT` is the part of `system` the JVMs' ")
                .append("JIT compilers used (the apps' and the broker's), work a level does only while the code it runs is still being compiled.\n\n");
        List<String> apps = new ArrayList<>();
        List<String> servers = new ArrayList<>();
        for (String name : levelNames()) {
            JsonNode l = run.level(name);
            if (l != null) {
                l.path("apps").fieldNames().forEachRemaining(a -> { if (!apps.contains(a)) apps.add(a); });
                l.path("infra").fieldNames().forEachRemaining(a -> { if (!servers.contains(a)) servers.add(a); });
            }
        }
        if (servers.isEmpty()) {
            md.append("Not measured: the servers' pids were not known (BENCH_INFRA_PIDS).\n\n");
            return;
        }
        List<String> header = new ArrayList<>(List.of("run", unit + "s/s"));
        header.addAll(apps);
        header.addAll(servers);
        header.addAll(List.of("system", "of it JIT", "(Gatling)"));
        MarkdownTable t = new MarkdownTable(header.toArray(String[]::new));
        Map<String, Double> systemByLevel = new HashMap<>(); // null: a process was not running
        for (String name : levelNames()) {
            JsonNode l = run.level(name);
            long ok = l == null ? 0 : l.path("ok").asLong();
            if (ok == 0) {
                continue;
            }
            List<Object> row = new ArrayList<>(List.of(name, l.path("okPerSecond").asDouble()));
            double system = 0;
            Double compiling = 0.0; // null when no process told
            boolean complete = true;
            for (String group : List.of("apps", "infra")) {
                for (String process : group.equals("apps") ? apps : servers) {
                    JsonNode p = l.path(group).path(process);
                    if (!p.path("present").asBoolean()) {
                        row.add("not running");
                        complete = false;
                        continue;
                    }
                    double ms = p.path("cpuSeconds").asDouble() * 1000 / ok;
                    system += ms;
                    row.add(ms);
                    Double jit = jit(p);
                    compiling = compiling == null || jit == null ? null : compiling + jit * 1000 / ok;
                }
            }
            row.add(complete ? system : null);
            row.add(complete ? compiling : null);
            row.add(l.path("generatorCpuSeconds").asDouble() * 1000 / ok);
            t.row(row.toArray());
            systemByLevel.put(name, complete ? system : null);
        }
        md.append(t).append('\n');
        cpuBudget(systemByLevel);
    }

    /**
     * What the best level's CPU per order allows on this machine's cores, and what the throughput target would leave
     * per order: the cores are shared by every process, so together they set the ceiling.
     */
    private void cpuBudget(Map<String, Double> systemByLevel) {
        var best = bestLevel();
        JsonNode split = bestReference("split");
        int cores = Integer.parseInt(run.setting("CORES", "0"));
        Double system = best.map(l -> systemByLevel.get("c" + l.path("clients").asInt())).orElse(null);
        if (standIn || system == null || split == null || cores <= 0) {
            return;
        }
        JsonNode level = best.get();
        double generator = level.path("generatorCpuSeconds").asDouble() * 1000 / level.path("ok").asDouble();
        double perOrder = system + generator;
        double ceiling = cores * 1000 / perOrder;
        double target = split.path("ordersPerSec").asDouble() / 2;
        md.append(String.format("**The cores' budget at c%d, the best level.** Every process together used %.2f ms of CPU "
                        + "per order (system %.2f, Gatling %.2f). %d cores give %d ms of CPU a second, so at that cost they "
                        + "carry at most %.1f orders/s; the level completed %.1f, %.0f %% of that ceiling. The throughput "
                        + "target, %.1f orders/s (half the split reference's best), leaves %.2f ms of CPU per order for every "
                        + "process on the machine, Gatling included.\n\n",
                level.path("clients").asInt(), perOrder, system, generator, cores, cores * 1000, ceiling,
                level.path("okPerSecond").asDouble(), level.path("okPerSecond").asDouble() / ceiling * 100, target,
                cores * 1000 / target));
    }

    private void startup() {
        md.append("## Start-up (process start to /actuator/health UP, one app at a time)\n\n");
        MarkdownTable t = new MarkdownTable("app", "pid", "ready ms");
        run.startup().forEach(s -> t.row(s[0], s[1], Long.parseLong(s[2]) < 0 ? "never healthy" : s[2]));
        md.append(t.isEmpty() ? "Not measured: the benchmark targeted a running system.\n" : t.toString()).append('\n');
    }

    private void load() {
        md.append("## Data load\n\n");
        JsonNode load = run.json("data/load.json");
        if (load == null) {
            md.append("The loader did not run.\n\n");
            return;
        }
        md.append("Via ").append(load.path("via").asText()).append(". POST /orders available: ")
                .append(load.path("ordersEndpoint").asBoolean() ? "yes" : "no").append(".\n\n");
        MarkdownTable t = new MarkdownTable("step", "done", "requested", "seconds", "per second", "note");
        for (Iterator<Map.Entry<String, JsonNode>> it = load.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            if (s.isObject()) {
                String note = !s.path("available").asBoolean(true) ? "endpoint not available: skipped" : s.path("firstError").asText("");
                t.row(e.getKey(), s.path("done").asLong(), s.path("requested").asLong(), s.path("seconds").asDouble(),
                        s.path("perSecond").asLong(), note);
            }
        }
        md.append(t).append('\n');
    }

    private void notes() {
        md.append("## Notes\n\n")
                .append("- Everything (PostgreSQL, Kafka, the three apps, Gatling) shares one machine; other work on it shows up as noise.\n")
                .append("- The reference runs first, on the same PostgreSQL server, before the apps start; it never touches the apps' databases.\n")
                .append("- `vs split` divides the app's completed orders/s by the split reference at the same client count.\n");
        String extra = run.setting("NOTES", "");
        if (!extra.isBlank()) {
            md.append("- ").append(extra).append('\n');
        }
    }

    // ---- lookups

    private List<String> levelNames() {
        List<String> names = new ArrayList<>();
        names.add("warmup");
        levels.forEach(c -> names.add("c" + c));
        names.addAll(List.of("rate", "hot-ample", "hot-scarce"));
        return names;
    }

    private java.util.Optional<JsonNode> bestLevel() {
        JsonNode best = null;
        for (int c : levels) {
            JsonNode l = run.level("c" + c);
            if (l != null && (best == null || l.path("okPerSecond").asDouble() > best.path("okPerSecond").asDouble())) {
                best = l;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    private JsonNode bestReference(String variant) {
        JsonNode best = null;
        JsonNode ref = run.json("reference.json");
        if (ref != null) {
            for (JsonNode p : ref.path("points")) {
                if (p.path("variant").asText().equals(variant)
                        && (best == null || p.path("ordersPerSec").asDouble() > best.path("ordersPerSec").asDouble())) {
                    best = p;
                }
            }
        }
        return best;
    }

    private JsonNode referencePoint(String variant, int clients) {
        JsonNode ref = run.json("reference.json");
        if (ref != null) {
            for (JsonNode p : ref.path("points")) {
                if (p.path("variant").asText().equals(variant) && p.path("clients").asInt() == clients) {
                    return p;
                }
            }
        }
        return null;
    }

    private int hotClients() {
        return Integer.parseInt(run.setting("HOT_CLIENTS", "16"));
    }

    /** The open-model run's lead-in as a parenthesis ("" when it had none). */
    private static String leadIn(JsonNode level) {
        JsonNode leadIn = level.path("leadIn");
        if (leadIn.isMissingNode()) {
            return "";
        }
        return String.format(" (a %.0f s lead-in at the same rate before it is not counted: %d answers, p50 %.0f ms, p99 %.0f ms)",
                leadIn.path("seconds").asDouble(), leadIn.path("requests").asLong(), leadIn.path("p50Ms").asDouble(),
                leadIn.path("p99Ms").asDouble());
    }

    private static String yes(boolean ok) {
        return ok ? "yes" : "**no**";
    }

    private static String percent(double ratio) {
        return Double.isFinite(ratio) ? String.format("%.1f %%", ratio * 100) : null;
    }

    private static String link(String href) {
        return href == null ? null : "[HTML](" + href + ")";
    }
}
