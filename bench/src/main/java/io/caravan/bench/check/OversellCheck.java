package io.caravan.bench.check;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.bench.Env;
import io.caravan.bench.Json;

/**
 * Zero oversell, checked after the hot-product runs, three ways:
 * <ol>
 * <li>the API: each hot product's stock (GET /products/{id}) is not negative, the units the clients were told were
 * sold (201 answers) are at most the initial stock, and initial − stock left = units sold (nothing lost or
 * doubled; orders that failed were released before their answer);</li>
 * <li>SQL on catalog-app's database: no stock-like integer column (stock, quantity, reserved, sold…) of any table
 * is negative (the schema is the catalog's own, so the columns are found in information_schema), and where the
 * product row keeps books (stock, sold, received) the product's sold units are at most what it received;</li>
 * <li>SQL on order-app's database: the quantities of COMPLETED orders' lines for the product are at most its
 * initial stock (the lines table is the one with order_id, product_id and quantity).</li>
 * </ol>
 * Environment: BENCH_CATALOG_URL, BENCH_PG_URL (+ user, password), BENCH_RESULTS (run folder: data/hot.json,
 * levels/hot-*.json), writes oversell.json there.
 */
public final class OversellCheck {

    private OversellCheck() {
    }

    public static void main(String[] args) {
        Path results = Path.of(Env.required("BENCH_RESULTS"));
        String catalogUrl = Env.required("BENCH_CATALOG_URL");
        String pg = Env.str("BENCH_PG_URL", null);
        Map<String, Object> out = new LinkedHashMap<>();
        boolean allOk = true;
        for (String scenario : List.of("hot-ample", "hot-scarce")) {
            JsonNode level = Json.read(results.resolve("levels").resolve(scenario + ".json"));
            if (level == null) {
                continue;
            }
            Map<String, Object> r = product(catalogUrl, pg, level);
            allOk &= Boolean.TRUE.equals(r.get("noOversell"));
            out.put(scenario, r);
        }
        if (pg != null) {
            Map<String, Object> negatives = negativeStockColumns(pg);
            allOk &= Boolean.TRUE.equals(negatives.get("noNegative"));
            out.put("catalogNegativeStock", negatives);
        }
        out.put("noOversell", allOk && !out.isEmpty());
        Json.write(results.resolve("oversell.json"), out);
        System.out.println("oversell check: " + out);
    }

    private static Map<String, Object> product(String catalogUrl, String pg, JsonNode level) {
        long productId = level.path("hotProductId").asLong();
        long initial = level.path("initialStock").asLong();
        long sold = level.path("soldUnits").asLong();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("productId", productId);
        r.put("initialStock", initial);
        r.put("unitsSoldPerClients", sold);
        JsonNode product = Http.getJson(catalogUrl + "/products/" + productId);
        Long left = product != null && product.has("stock") ? product.get("stock").asLong() : null;
        r.put("stockLeftPerApi", left);
        if (left != null) {
            r.put("unitsGone", initial - left);
        }
        Map<String, Long> books = pg == null ? Map.of() : catalogBooks(pg, productId);
        if (!books.isEmpty()) {
            r.put("catalogBooksPerSql", books);
        }
        Long completedUnits = pg == null ? null : completedUnits(pg, productId);
        r.put("unitsInCompletedOrdersPerSql", completedUnits);
        boolean noOversell = sold <= initial && (left == null || left >= 0)
                && (completedUnits == null || completedUnits <= initial)
                && (books.isEmpty() || books.get("sold") <= books.get("received") && books.get("stock") >= 0);
        r.put("noOversell", noOversell);
        r.put("accountedFor", left != null && initial - left == sold && (completedUnits == null || completedUnits == sold));
        return r;
    }

    /** Every integer column of catalog-app's tables whose name says stock: how many rows hold a negative. */
    static Map<String, Object> negativeStockColumns(String pg) {
        Map<String, Object> r = new LinkedHashMap<>();
        try (Connection c = connect(pg, "caravan_catalog")) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT table_name, column_name FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND data_type IN ('integer', 'bigint', 'smallint', 'numeric') "
                    + "AND (column_name LIKE '%stock%' OR column_name IN ('quantity', 'available', 'on_hand', 'reserved', 'sold', 'received'))");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            long negatives = 0;
            Map<String, Long> perColumn = new LinkedHashMap<>();
            for (String[] tc : columns) {
                // identifiers come from information_schema, quoted: never from input
                String sql = "SELECT count(*) FROM " + quote(tc[0]) + " WHERE " + quote(tc[1]) + " < 0";
                try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                    rs.next();
                    perColumn.put(tc[0] + "." + tc[1], rs.getLong(1));
                    negatives += rs.getLong(1);
                }
            }
            r.put("columnsChecked", perColumn);
            r.put("noNegative", !columns.isEmpty() && negatives == 0);
        } catch (SQLException e) {
            r.put("error", e.getMessage());
            r.put("noNegative", false);
        }
        return r;
    }

    /** The product row's stock books (stock, sold, received) from catalog-app's table that keeps them, if any. */
    static Map<String, Long> catalogBooks(String pg, long productId) {
        Map<String, Long> books = new LinkedHashMap<>();
        try (Connection c = connect(pg, "caravan_catalog")) {
            String table = tableWith(c, "%", "id", "stock", "sold", "received");
            if (table == null) {
                return books;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT stock, sold, received FROM " + quote(table) + " WHERE id = ?")) {
                s.setLong(1, productId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        books.put("stock", rs.getLong(1));
                        books.put("sold", rs.getLong(2));
                        books.put("received", rs.getLong(3));
                    }
                }
            }
        } catch (SQLException e) {
            books.clear();
        }
        return books;
    }

    /** Units of the product in COMPLETED orders, from order-app's own tables; null when they cannot be found. */
    static Long completedUnits(String pg, long productId) {
        try (Connection c = connect(pg, "caravan_order")) {
            String lines = tableWith(c, "%", "order_id", "product_id", "quantity");
            String orders = tableWith(c, "%order%", "id", "status", "user_id");
            if (lines == null || orders == null) {
                return null;
            }
            String sql = "SELECT coalesce(sum(l.quantity), 0) FROM " + quote(lines) + " l JOIN " + quote(orders)
                    + " o ON o.id = l.order_id WHERE l.product_id = ? AND o.status = 'COMPLETED'";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, productId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /** The table (shortest name first) whose name is LIKE {@code namePattern} and that has all the columns. */
    private static String tableWith(Connection c, String namePattern, String... columns) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND table_name LIKE ? AND column_name = ANY (?) GROUP BY table_name HAVING count(*) = ? "
                + "ORDER BY length(table_name), table_name")) {
            s.setString(1, namePattern);
            s.setArray(2, c.createArrayOf("text", columns));
            s.setInt(3, columns.length);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static Connection connect(String serverUrl, String database) throws SQLException {
        return DriverManager.getConnection(serverUrl.replaceAll("/+$", "") + "/" + database,
                Env.str("BENCH_PG_USER", "postgres"), Env.str("BENCH_PG_PASSWORD", "postgres"));
    }
}
