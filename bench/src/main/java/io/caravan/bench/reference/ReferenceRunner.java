package io.caravan.bench.reference;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.caravan.bench.Env;
import io.caravan.bench.Json;

/**
 * The reference: the database's own limit for the writes an order makes (pglimit's workload over JDBC, no HTTP,
 * no Kafka) on the same PostgreSQL server the apps use, at the same client counts as the Gatling levels.
 * Every point starts from reset data (pglimit's reset, VACUUM ANALYZE, CHECKPOINT) and ends with a consistency
 * check of what was written. Writes BENCH_OUT (reference.json) and prints one line per point.
 *
 * <p>Environment: BENCH_PG_URL (server part of the JDBC URL), BENCH_PG_USER, BENCH_PG_PASSWORD, BENCH_LEVELS
 * (1,4,16,64), BENCH_REF_DURATION (seconds per point, 10), BENCH_REF_VARIANTS (mono,split,split-par),
 * BENCH_REF_HOT_VARIANTS (hot,split-hot), BENCH_HOT_CLIENTS (16), BENCH_OUT.
 */
public final class ReferenceRunner {

    private ReferenceRunner() {
    }

    public static void main(String[] args) throws Exception {
        ReferenceDatabases dbs = new ReferenceDatabases(Env.required("BENCH_PG_URL"), Env.str("BENCH_PG_USER", "postgres"),
                Env.str("BENCH_PG_PASSWORD", "postgres"));
        int seconds = Env.integer("BENCH_REF_DURATION", 10);
        List<Integer> levels = Env.integers("BENCH_LEVELS", "1,4,16,64");
        int hotClients = Env.integer("BENCH_HOT_CLIENTS", 16);
        Path out = Path.of(Env.str("BENCH_OUT", "reference.json"));

        dbs.create();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", server(dbs));
        result.put("secondsPerPoint", seconds);
        List<Map<String, Object>> points = new ArrayList<>();
        result.put("points", points);
        for (String label : Env.words("BENCH_REF_VARIANTS", "mono,split,split-par")) {
            for (int clients : levels) {
                points.add(point(dbs, Variant.of(label), clients, seconds));
                Json.write(out, result);
            }
        }
        for (String label : Env.words("BENCH_REF_HOT_VARIANTS", "hot,split-hot")) {
            points.add(point(dbs, Variant.of(label), hotClients, seconds));
            Json.write(out, result);
        }
        Json.write(out, result);
    }

    static Map<String, Object> point(ReferenceDatabases dbs, Variant variant, int clients, int seconds) throws Exception {
        dbs.reset(variant.databases());
        List<ClosedLoop.Outcome> groups = ClosedLoop.runGroups(clients, seconds, variant.clients(dbs));
        Map<String, Object> facts = variant.oneDatabase()
                ? dbs.check(ReferenceDatabases.MONO, ReferenceDatabases.MONO, ReferenceDatabases.MONO)
                : dbs.check(ReferenceDatabases.CATALOG, ReferenceDatabases.USER, ReferenceDatabases.ORDER);

        // split-par: the order rate is the slowest script's; its latencies are that script's
        ClosedLoop.Outcome slowest = groups.stream().min((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("variant", variant.label);
        p.put("clients", clients);
        p.put("seconds", seconds);
        p.putAll(summary(slowest));
        p.put("refused", groups.stream().mapToLong(ClosedLoop.Outcome::refused).sum());
        p.put("errors", groups.stream().mapToLong(ClosedLoop.Outcome::errors).sum());
        groups.stream().map(ClosedLoop.Outcome::firstError).filter(e -> e != null).findFirst()
                .ifPresent(e -> p.put("firstError", e));
        if (groups.size() > 1) {
            Map<String, Object> perGroup = new LinkedHashMap<>();
            for (int i = 0; i < groups.size(); i++) {
                perGroup.put(Variant.SPLIT_PAR_GROUPS.get(i), summary(groups.get(i)));
            }
            p.put("groups", perGroup);
        }
        p.put("check", facts);
        p.put("consistent", consistent(variant, groups, facts));
        System.out.printf("reference %-9s c=%-3d %8.1f orders/s  p50=%6.2f p95=%6.2f p99=%6.2f ms  refused=%d errors=%d consistent=%s%n",
                variant.label, clients, slowest.perSecond(), p.get("p50Ms"), p.get("p95Ms"), p.get("p99Ms"),
                p.get("refused"), p.get("errors"), p.get("consistent"));
        return p;
    }

    private static Map<String, Object> summary(ClosedLoop.Outcome o) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ordersPerSec", round(o.perSecond()));
        s.put("committedInWindow", o.committedInWindow());
        s.put("committedTotal", o.committedTotal());
        s.put("p50Ms", round(o.latencies().percentileMillis(50)));
        s.put("p95Ms", round(o.latencies().percentileMillis(95)));
        s.put("p99Ms", round(o.latencies().percentileMillis(99)));
        s.put("maxMs", round(o.latencies().percentileMillis(100)));
        return s;
    }

    /** Nothing lost, nothing doubled, nothing oversold: the database holds exactly what the clients committed. */
    static boolean consistent(Variant variant, List<ClosedLoop.Outcome> groups, Map<String, Object> f) {
        long orders = num(f, "orders");
        boolean common = num(f, "negativeStock") == 0 && Boolean.TRUE.equals(f.get("stockBalanced"))
                && Boolean.TRUE.equals(f.get("pointsBalanced")) && num(f, "orderItems") == 2 * orders
                && num(f, "payments") == orders && num(f, "outbox") == 2 * orders && num(f, "notConfirmed") == 0;
        if (variant == Variant.SPLIT_PAR) {
            return common && num(f, "reservations") == 2 * groups.get(0).committedTotal()
                    && num(f, "pointHistory") == groups.get(1).committedTotal() && orders == groups.get(2).committedTotal();
        }
        long committed = groups.get(0).committedTotal();
        return common && orders == committed && num(f, "reservations") == 2 * committed && num(f, "pointHistory") == committed;
    }

    private static long num(Map<String, Object> facts, String key) {
        return ((Number) facts.get(key)).longValue();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Map<String, Object> server(ReferenceDatabases dbs) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        try (Connection c = dbs.connect("postgres"); Statement st = c.createStatement()) {
            for (String setting : List.of("server_version", "max_connections", "shared_buffers", "synchronous_commit",
                    "fsync", "wal_level")) {
                try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
                    rs.next();
                    s.put(setting, rs.getString(1));
                }
            }
        }
        return s;
    }
}
