package io.caravan.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the order-recovery tests need beyond {@link Fixtures} (which makes their users, products and coupons):
 * orders placed with an Idempotency-Key, a warm-up of a just-started order-app, and reads of the three
 * databases over JDBC for the checks a black-box test cannot make over HTTP.
 */
final class Shop {

    private final CaravanSystem caravan;

    Shop(CaravanSystem caravan) {
        this.caravan = caravan;
    }

    /**
     * Waits (bounded) until order-app completes an order again: a freshly (re)started order-app is slow for its
     * first sagas (its own sandbox gateway then answers later than the payment timeout, and the voids too),
     * which would fail every order of a load placed at once. The warm-up order is one of {@code productId}.
     */
    void warmUp(long productId) {
        long userId = user(10_000);
        String body = orderBody(userId, Map.of(productId, 1), 0, null, "tok_visa");
        await("order-app completes orders").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> placeOrder("warm-up-" + UUID.randomUUID(), body).status() == 201);
    }

    /** An order as its rows tell it (order, undo steps, saga log), for failure messages. */
    String describe(String orderId) {
        return "order " + rows(App.ORDER, "SELECT status, failure_code, failure_detail FROM orders WHERE id = ?::uuid", orderId)
                + ", steps " + rows(App.ORDER, "SELECT step, state FROM order_step WHERE order_id = ?::uuid", orderId)
                + ", saga " + rows(App.ORDER, "SELECT s.status, s.owner, st.seq, st.compensation_uri, st.status AS step_status FROM saga s "
                        + "JOIN saga_step st ON st.saga_id = s.id WHERE st.options ->> 'orderId' = ? ORDER BY st.seq", orderId);
    }

    long product(long price, long stock) {
        return Fixtures.newProduct(price, stock);
    }

    void restock(long productId, long quantity) {
        Http.Response restocked = Fixtures.catalog().post("/products/" + productId + "/stock", "{\"quantity\":" + quantity + "}");
        assertThat(restocked.status()).as(restocked.body()).isEqualTo(200);
    }

    long stock(long productId) {
        return Fixtures.stock(productId);
    }

    long user(long points) {
        return Fixtures.newUserWithPoints(points);
    }

    long balance(long userId) {
        return Fixtures.balance(userId);
    }

    JsonNode history(long userId) {
        return Fixtures.pointHistory(userId);
    }

    /** A FIXED coupon of {@code value}, issued to each of the users; answers their issued coupon ids. */
    List<Long> coupons(long value, List<Long> userIds) {
        long couponId = Fixtures.newCoupon("FIXED", value, userIds.size(), 0, null);
        return userIds.stream().map(userId -> Fixtures.issue(couponId, userId)).toList();
    }

    /** An order of these lines and points, with the user's coupon as OPTIONAL (if any), paid by this card. */
    static String orderBody(long userId, Map<Long, Integer> lines, long points, Long issuedCouponId, String cardToken) {
        Fixtures.OrderBody body = Fixtures.order(userId).points(points).card(cardToken);
        lines.forEach(body::item);
        if (issuedCouponId != null) {
            body.optionalCoupon(issuedCouponId);
        }
        return body.toString();
    }

    Http.Response placeOrder(String key, String body) {
        return caravan.http(App.ORDER).withHeader("Idempotency-Key", key).post("/orders", body);
    }

    // --- the databases -------------------------------------------------------------------------------------

    List<Map<String, Object>> rows(App app, String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(caravan.jdbcUrl(app), "postgres", "postgres");
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                        row.put(rs.getMetaData().getColumnLabel(column), rs.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + app + ": " + sql, e);
        }
    }

    long count(App app, String sql, Object... parameters) {
        return caravan.count(app, sql, parameters);
    }

    /** The orders placed with these idempotency keys (id, status, user, amounts, coupon), as order-app stored them. */
    List<Map<String, Object>> ordersOf(List<String> keys) {
        return rows(App.ORDER, "SELECT id::text AS id, request_id, status, user_id, points_used, paid_amount, issued_coupon_id, "
                + "coupon_applied FROM orders WHERE request_id = ANY (?)", (Object) keys.toArray(String[]::new));
    }

    /** How many of the orders of these keys are not finished (PENDING or COMPENSATING). */
    long unfinished(List<String> keys) {
        return count(App.ORDER, "SELECT count(*) FROM orders WHERE request_id = ANY (?) AND status NOT IN ('COMPLETED', 'FAILED')",
                (Object) keys.toArray(String[]::new));
    }
}
