package io.caravan.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.bench.Env;
import io.caravan.bench.Json;

/**
 * What the apps asked PostgreSQL during one Gatling level, from {@code pg_stat_statements} (the benchmark's
 * {@code BENCH_PG_STAT_STATEMENTS=1}: the local stack then preloads it). {@code reset} creates the extension if
 * needed and empties the statistics just before the level; {@code write <level>} writes
 * {@code statements-<level>.md} to the run folder: per database, statements and execution time per answered
 * request of that level, then the statements that took the most time, each with its calls per request. The
 * statistics are the server's, so a level should run alone.
 *
 * <p>Environment: BENCH_PG_URL (server part of the JDBC URL; + BENCH_PG_USER, BENCH_PG_PASSWORD), BENCH_RESULTS.
 */
public final class StatementStats {

    private static final int TOP = 40;

    private StatementStats() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length == 0 || !(args[0].equals("reset") || args[0].equals("write") && args.length == 2)) {
            throw new IllegalArgumentException("usage: StatementStats reset | write <level>");
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            if (args[0].equals("reset")) {
                s.execute("SELECT pg_stat_statements_reset()");
                System.out.println("pg_stat_statements reset");
                return;
            }
            Path results = Path.of(Env.required("BENCH_RESULTS"));
            String level = args[1];
            JsonNode recorded = Json.read(results.resolve("levels").resolve(level + ".json"));
            long requests = recorded == null ? 0 : recorded.path("requests").asLong();
            Path out = results.resolve("statements-" + level + ".md");
            write(s, level, requests, out);
            System.out.println("statements of level " + level + ": " + out);
        } catch (SQLException e) {
            // most often: the library is not preloaded (a server the benchmark did not start)
            System.out.println("pg_stat_statements not available: " + e.getMessage());
        }
    }

    private static void write(Statement s, String level, long requests, Path out) throws SQLException {
        double per = requests == 0 ? Double.NaN : requests;
        StringBuilder md = new StringBuilder("# PostgreSQL statements of level ").append(level).append("\n\n")
                .append("From `pg_stat_statements`, reset just before the level; ").append(requests)
                .append(" requests answered in it (\"per request\" divides by that). Every database that ran a statement in the level is listed.\n\n");

        MarkdownTable databases = new MarkdownTable("database", "statements per request", "exec ms per request", "rows per request");
        Map<String, double[]> totals = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery("SELECT d.datname, sum(p.calls), sum(p.total_exec_time), sum(p.rows) "
                + "FROM pg_stat_statements p JOIN pg_database d ON d.oid = p.dbid GROUP BY d.datname ORDER BY 3 DESC")) {
            while (r.next()) {
                totals.put(r.getString(1), new double[] {r.getDouble(2), r.getDouble(3), r.getDouble(4)});
            }
        }
        totals.forEach((db, t) -> databases.row(db, t[0] / per, t[1] / per, t[2] / per));
        md.append(databases).append('\n');

        // a statement with an IN list is a statement of its own for each length of the list (the outbox relay's
        // UPDATE): those are added up as one, with the number of lengths seen
        MarkdownTable top = new MarkdownTable("database", "calls per request", "mean ms", "total ms", "rows per call", "texts",
                "statement");
        try (ResultSet r = s.executeQuery("SELECT d.datname, sum(p.calls), sum(p.total_exec_time), sum(p.rows), count(*), q.text "
                + "FROM pg_stat_statements p JOIN pg_database d ON d.oid = p.dbid, "
                + "LATERAL (SELECT regexp_replace(p.query, 'IN \\(\\$\\d+(\\s*,\\s*\\$\\d+)*\\)', 'IN (…)', 'g') AS text) q "
                + "GROUP BY d.datname, q.text ORDER BY 3 DESC LIMIT " + TOP)) {
            while (r.next()) {
                long calls = r.getLong(2);
                String query = r.getString(6).replaceAll("\\s+", " ").trim();
                top.row(r.getString(1), calls / per, calls == 0 ? null : r.getDouble(3) / calls, r.getDouble(3),
                        calls == 0 ? null : (double) r.getLong(4) / calls, r.getLong(5),
                        "`" + (query.length() > 160 ? query.substring(0, 160) + "…" : query).replace("`", "'") + "`");
            }
        }
        md.append("The ").append(TOP).append(" statements that took the most execution time (\"texts\": how many IN-list")
                .append(" lengths were added up into the row):\n\n").append(top);
        try {
            Files.writeString(out, md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(Env.required("BENCH_PG_URL").replaceAll("/+$", "") + "/postgres",
                Env.str("BENCH_PG_USER", "postgres"), Env.str("BENCH_PG_PASSWORD", "postgres"));
    }
}
