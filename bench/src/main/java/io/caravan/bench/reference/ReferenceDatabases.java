package io.caravan.bench.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's own databases on the apps' PostgreSQL server: bench_mono (all tables, for the one-transaction
 * variant) and bench_catalog / bench_user / bench_order (one per service, for the split variants), with
 * pglimit's schemas and data (10,000 users with 1e12 points, 1,000 products with 1e9 in stock). The apps'
 * databases (caravan_*) are never touched.
 */
final class ReferenceDatabases {

    static final String MONO = "bench_mono";
    static final String CATALOG = "bench_catalog";
    static final String USER = "bench_user";
    static final String ORDER = "bench_order";

    private static final Map<String, List<String>> SCHEMAS = Map.of(
            MONO, List.of("schema_user.sql", "schema_catalog.sql", "schema_order.sql"),
            CATALOG, List.of("schema_catalog.sql"),
            USER, List.of("schema_user.sql"),
            ORDER, List.of("schema_order.sql"));
    private static final Map<String, List<String>> RESETS = Map.of(
            MONO, List.of("reset_user.sql", "reset_catalog.sql", "reset_order.sql"),
            CATALOG, List.of("reset_catalog.sql"),
            USER, List.of("reset_user.sql"),
            ORDER, List.of("reset_order.sql"));

    private final String serverUrl;
    private final String user;
    private final String password;

    /** @param serverUrl the server part of a JDBC URL, e.g. jdbc:postgresql://localhost:55432 */
    ReferenceDatabases(String serverUrl, String user, String password) {
        this.serverUrl = serverUrl.replaceAll("/+$", "");
        this.user = user;
        this.password = password;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(serverUrl + "/" + database, user, password);
    }

    /** Creates the four databases when missing and (re)creates their tables. */
    void create() throws SQLException {
        try (Connection admin = connect("postgres")) {
            for (String db : List.of(MONO, CATALOG, USER, ORDER)) {
                try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, db);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (!rs.next()) {
                            try (Statement s = admin.createStatement()) {
                                s.execute("CREATE DATABASE " + db); // constant names above, never input
                            }
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, List<String>> e : SCHEMAS.entrySet()) {
            runScripts(e.getKey(), e.getValue());
        }
    }

    /** pglimit's reset before every point: data back to the start, VACUUM ANALYZE, then a CHECKPOINT. */
    void reset(List<String> databases) throws SQLException {
        for (String db : databases) {
            runScripts(db, RESETS.get(db));
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE");
            }
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    private void runScripts(String db, List<String> scripts) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String script : scripts) {
                s.execute(resource(script));
            }
        }
    }

    /**
     * What the writes left behind, as pglimit's check(): stock taken = stock reserved and none negative, points
     * taken = history, and per order one payment, two items, two outbox rows and status CONFIRMED.
     */
    Map<String, Object> check(String catalogDb, String userDb, String orderDb) throws SQLException {
        Map<String, Object> facts = new LinkedHashMap<>();
        query(catalogDb, "SELECT (SELECT count(*) FROM stock_reservations), "
                + "(SELECT coalesce(sum(quantity), 0) FROM stock_reservations) = "
                + "(SELECT 1000000000::bigint * 1000 - sum(quantity) FROM stock), "
                + "(SELECT count(*) FROM stock WHERE quantity < 0)",
                facts, "reservations", "stockBalanced", "negativeStock");
        query(userDb, "SELECT (SELECT count(*) FROM point_history), "
                + "(SELECT -coalesce(sum(amount), 0) FROM point_history) = "
                + "(SELECT 1000000000000::numeric * 10000 - sum(balance) FROM users)",
                facts, "pointHistory", "pointsBalanced");
        query(orderDb, "SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_items), "
                + "(SELECT count(*) FROM payments), (SELECT count(*) FROM outbox), "
                + "(SELECT count(*) FROM orders WHERE status <> 'CONFIRMED')",
                facts, "orders", "orderItems", "payments", "outbox", "notConfirmed");
        return facts;
    }

    private void query(String db, String sql, Map<String, Object> into, String... names) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            for (int i = 0; i < names.length; i++) {
                into.put(names[i], rs.getObject(i + 1));
            }
        }
    }

    static String resource(String name) {
        try (InputStream in = ReferenceDatabases.class.getResourceAsStream("/pglimit/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource pglimit/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
