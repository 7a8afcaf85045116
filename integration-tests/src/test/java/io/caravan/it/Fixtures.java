package io.caravan.it;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixture "mother" of the black-box tests: fresh users, products and coupons made through the public API (each
 * with unique data, so tests share the one running system without seeing each other's rows), the reads a client
 * would do to check them, and {@link OrderBody} to write {@code POST /orders} bodies.
 *
 * <pre>
 * long user = Fixtures.newUserWithPoints(5_000);
 * long product = Fixtures.newProduct(10_000, 5);
 * long issued = Fixtures.issue(Fixtures.newCoupon("FIXED", 1_000), user);
 * Http.Response placed = Fixtures.placeOrder(Fixtures.order(user).item(product, 2).points(3_000).coupon(issued).card("tok_visa"));
 * </pre>
 */
public final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_CHARGE = 1_000_000;

    private Fixtures() {}

    static CaravanSystem caravan() {
        return CaravanSystem.get();
    }

    static Http users() {
        return caravan().http(App.USER);
    }

    static Http catalog() {
        return caravan().http(App.CATALOG);
    }

    static Http orders() {
        return caravan().http(App.ORDER);
    }

    // --- users and points ------------------------------------------------------------------------------------

    static String uniqueEmail() {
        return "it-" + UUID.randomUUID() + "@example.com";
    }

    /** A new user with no points. */
    static long newUser() {
        Http.Response created = users().post("/users", json("name", "IT user", "email", uniqueEmail()));
        assertThat(created.status()).as("POST /users: %s", created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    /** A new user whose balance is {@code points} (charged in steps of at most 1,000,000). */
    static long newUserWithPoints(long points) {
        long userId = newUser();
        for (long left = points; left > 0; left -= MAX_CHARGE) {
            Http.Response charged = users().post("/users/" + userId + "/points/charge", "{\"amount\":" + Math.min(left, MAX_CHARGE) + "}");
            assertThat(charged.status()).as("charge: %s", charged.body()).isEqualTo(200);
        }
        assertThat(balance(userId)).isEqualTo(points);
        return userId;
    }

    static long balance(long userId) {
        Http.Response points = users().get("/users/" + userId + "/points");
        assertThat(points.status()).as("GET points: %s", points.body()).isEqualTo(200);
        return points.json().path("balance").asLong();
    }

    /** {@code GET /users/{id}/points/history} items, newest first. */
    static JsonNode pointHistory(long userId) {
        Http.Response history = users().get("/users/" + userId + "/points/history");
        assertThat(history.status()).isEqualTo(200);
        return history.json().path("items");
    }

    // --- products and stock ----------------------------------------------------------------------------------

    static long newProduct(long price, long stock) {
        ObjectNode body = JSON.createObjectNode().put("name", "IT product " + UUID.randomUUID()).put("price", price).put("stock", stock);
        Http.Response created = catalog().post("/products", body.toString());
        assertThat(created.status()).as("POST /products: %s", created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static long stock(long productId) {
        Http.Response product = catalog().get("/products/" + productId);
        assertThat(product.status()).as("GET product: %s", product.body()).isEqualTo(200);
        return product.json().path("stock").asLong();
    }

    // --- coupons ---------------------------------------------------------------------------------------------

    static long newCoupon(String discountType, long discountValue) {
        return newCoupon(discountType, discountValue, 100, 0, null);
    }

    static long newCoupon(String discountType, long discountValue, long totalQuantity, long minOrderAmount, Instant expiresAt) {
        ObjectNode body = JSON.createObjectNode().put("name", "IT coupon " + UUID.randomUUID())
                .put("discountType", discountType).put("discountValue", discountValue)
                .put("totalQuantity", totalQuantity).put("minOrderAmount", minOrderAmount);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        Http.Response created = orders().post("/coupons", body.toString());
        assertThat(created.status()).as("POST /coupons: %s", created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    /** Issues the coupon to the user: the issued coupon's id (what an order's {@code couponId} is). */
    static long issue(long couponId, long userId) {
        Http.Response issued = orders().post("/coupons/" + couponId + "/issue", "{\"userId\":" + userId + "}");
        assertThat(issued.status()).as("issue: %s", issued.body()).isEqualTo(201);
        return issued.json().path("id").asLong();
    }

    /** The user's issued coupon as {@code GET /users/{id}/coupons} shows it. */
    static JsonNode userCoupon(long userId, long issuedCouponId) {
        Http.Response coupons = orders().get("/users/" + userId + "/coupons");
        assertThat(coupons.status()).isEqualTo(200);
        for (JsonNode coupon : coupons.json().path("items")) {
            if (coupon.path("id").asLong() == issuedCouponId) {
                return coupon;
            }
        }
        throw new AssertionError("Issued coupon " + issuedCouponId + " not in " + coupons.body());
    }

    // --- orders ----------------------------------------------------------------------------------------------

    static OrderBody order(long userId) {
        return new OrderBody(userId);
    }

    static Http.Response placeOrder(OrderBody body) {
        return orders().post("/orders", body.toString());
    }

    static Http.Response getOrder(String orderId) {
        return orders().get("/orders/" + orderId);
    }

    /** The user's order with this id as {@code GET /users/{id}/orders} lists it. */
    static JsonNode listedOrder(long userId, String orderId) {
        Http.Response list = orders().get("/users/" + userId + "/orders");
        assertThat(list.status()).isEqualTo(200);
        for (JsonNode order : list.json().path("items")) {
            if (orderId.equals(order.path("orderId").asText())) {
                return order;
            }
        }
        throw new AssertionError("Order " + orderId + " not listed: " + list.body());
    }

    /** A {@code POST /orders} body, written as JSON by {@link #toString()}. */
    static final class OrderBody {

        private final ObjectNode body = JSON.createObjectNode();
        private final ArrayNode items = body.putArray("items");

        OrderBody(long userId) {
            body.put("userId", userId);
            body.set("items", items);
        }

        OrderBody item(long productId, int quantity) {
            items.addObject().put("productId", productId).put("quantity", quantity);
            return this;
        }

        OrderBody points(long pointsToUse) {
            body.put("pointsToUse", pointsToUse);
            return this;
        }

        OrderBody coupon(long issuedCouponId) {
            body.put("couponId", issuedCouponId);
            return this;
        }

        OrderBody optionalCoupon(long issuedCouponId) {
            body.put("couponId", issuedCouponId).put("couponPolicy", "OPTIONAL");
            return this;
        }

        OrderBody card(String cardToken) {
            body.putObject("payment").put("method", "CARD").put("cardToken", cardToken);
            return this;
        }

        OrderBody requestId(String requestId) {
            body.put("requestId", requestId);
            return this;
        }

        @Override
        public String toString() {
            return body.toString();
        }
    }

    static String json(String... namesAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return node.toString();
    }
}
