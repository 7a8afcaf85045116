package io.caravan.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * POST /orders and the order reads over HTTP on a real PostgreSQL: the saga runs through its real client routes
 * against {@link ParticipantStubs} and pays at the sandbox gateway.
 */
class OrderApiTest extends OrderServiceTestBase {

    @Test
    void shouldCompleteAFullOrderAndWriteItsEventsWhenEveryStepSucceeds() {
        long issuedCouponId = issueCoupon(21, "FIXED", 1_000, 0);
        // product 10 costs 1,000: 3 of them = 3,000; 500 points, 1,000 discount, 1,500 by card
        var answer = http.post("/orders", "{\"userId\":21,\"items\":[{\"productId\":10,\"quantity\":3},{\"productId\":7,\"quantity\":1}],"
                + "\"pointsToUse\":500,\"couponId\":" + issuedCouponId + ",\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode order = answer.json();
        String orderId = order.path("orderId").asText();
        assertThat(answer.header("Location")).isEqualTo("/orders/" + orderId);
        assertThat(order.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(order.path("totalAmount").asLong()).isEqualTo(3_700);
        assertThat(order.path("pointsUsed").asLong()).isEqualTo(500);
        assertThat(order.path("discountAmount").asLong()).isEqualTo(1_000);
        assertThat(order.path("paidAmount").asLong()).isEqualTo(2_200);
        assertThat(order.path("coupon").path("applied").asBoolean()).isTrue();
        assertThat(order.path("items").get(0).path("unitPrice").asLong()).isEqualTo(1_000);
        assertThat(order.path("items").get(1).path("lineAmount").asLong()).isEqualTo(700);
        assertThat(order.path("completedAt").asText()).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT status FROM issued_coupon WHERE id = ?", String.class, issuedCouponId)).isEqualTo("USED");
        assertThat(jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?::uuid", String.class, orderId)).isEqualTo("CAPTURED");
        assertThat(jdbc.queryForList("SELECT event_type FROM outbox WHERE message_key = ? ORDER BY id", String.class, orderId))
                .containsExactly("OrderCreated", "CouponUsed", "PaymentCompleted", "OrderCompleted");
        await().atMost(Duration.ofSeconds(10)).until(() -> ParticipantStubs.CONFIRMED.contains(orderId));
        assertThat(ParticipantStubs.RELEASED).doesNotContain(orderId);
        assertThat(http.get("/orders/" + orderId).json()).isEqualTo(order);
    }

    @Test
    void shouldUndoEveryStepBeforeAnsweringWhenTheCardIsDeclined() {
        long issuedCouponId = issueCoupon(22, "RATE", 10, 0);

        var answer = http.post("/orders", order(22, issuedCouponId, "tok_declined"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("PAYMENT_DECLINED");
        String orderId = answer.json().path("orderId").asText();
        assertThat(ParticipantStubs.REFUNDED).contains(orderId);
        assertThat(ParticipantStubs.RELEASED).contains(orderId);
        assertThat(jdbc.queryForObject("SELECT status FROM issued_coupon WHERE id = ?", String.class, issuedCouponId)).isEqualTo("AVAILABLE");
        JsonNode failed = http.get("/orders/" + orderId).json();
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failure").path("code").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(jdbc.queryForList("SELECT event_type FROM outbox WHERE message_key = ? ORDER BY id", String.class, orderId))
                .containsExactly("OrderCreated", "OrderFailed");
    }

    @Test
    void shouldVoidTheCaptureAndUndoEveryStepWhenTheGatewayAnswersTooLate() {
        long issuedCouponId = issueCoupon(23, "FIXED", 100, 0);

        var answer = http.post("/orders", order(23, issuedCouponId, "tok_timeout"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("SERVICE_UNAVAILABLE");
        String orderId = answer.json().path("orderId").asText();
        assertThat(jdbc.queryForObject("SELECT status FROM sandbox_payment WHERE order_id = ?", String.class, orderId)).isEqualTo("VOIDED");
        assertThat(jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?::uuid", String.class, orderId)).isEqualTo("VOIDED");
        assertThat(ParticipantStubs.REFUNDED).contains(orderId);
        assertThat(ParticipantStubs.RELEASED).contains(orderId);
        assertThat(jdbc.queryForObject("SELECT status FROM issued_coupon WHERE id = ?", String.class, issuedCouponId)).isEqualTo("AVAILABLE");
        assertThat(http.get("/orders/" + orderId).json().path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void shouldReleaseNothingWhenStockIsShortAndSayWhichOrderFailed() {
        var answer = http.post("/orders", "{\"userId\":24,\"items\":[{\"productId\":10,\"quantity\":101}]}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("INSUFFICIENT_STOCK");
        String orderId = answer.json().path("orderId").asText();
        assertThat(ParticipantStubs.RELEASED).doesNotContain(orderId);
        assertThat(jdbc.queryForObject("SELECT state FROM order_step WHERE order_id = ?::uuid AND step = 'STOCK'", String.class, orderId))
                .isEqualTo("REFUSED");
        assertThat(http.get("/orders/" + orderId).json().path("failure").path("code").asText()).isEqualTo("INSUFFICIENT_STOCK");
    }

    @Test
    void shouldRecordTheFailureOfAStepWhoseParticipantFailsAndUndoIt() {
        var answer = http.post("/orders", "{\"userId\":28,\"items\":[{\"productId\":503,\"quantity\":1}]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        String orderId = answer.json().path("orderId").asText();
        assertThat(ParticipantStubs.RELEASED).contains(orderId); // outcome unknown: undone
        JsonNode failed = http.get("/orders/" + orderId).json();
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failure").path("detail").asText()).isEqualTo(answer.json().path("detail").asText());
    }

    @Test
    void shouldCompleteOrdersPlacedByMoreConcurrentClientsThanEightWorkers() throws Exception {
        // every order waits on the sandbox gateway, served by this same app: with Spring's default 8 request
        // workers, 8 waiting orders left no worker to answer their charges (all timed out and were voided)
        String body = "{\"userId\":29,\"items\":[{\"productId\":3,\"quantity\":1}],\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}";
        var pool = Executors.newFixedThreadPool(12);
        try {
            var start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.post("/orders", body).status();
                }));
            }
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldAnswerNotFoundCodesOfTheParticipants() {
        assertThat(http.post("/orders", "{\"userId\":25,\"items\":[{\"productId\":404,\"quantity\":1}]}").code()).isEqualTo("PRODUCT_NOT_FOUND");
        var noUser = http.post("/orders", "{\"userId\":404,\"items\":[{\"productId\":10,\"quantity\":1}],\"pointsToUse\":10,"
                + "\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}");
        assertThat(noUser.status()).isEqualTo(404);
        assertThat(noUser.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(ParticipantStubs.RELEASED).contains(noUser.json().path("orderId").asText());
    }

    @Test
    void shouldAnswerTheFirstAnswerAgainForTheSameKeyAndRefuseADifferentBody() {
        String key = "key-" + UUID.randomUUID();
        String body = "{\"userId\":26,\"items\":[{\"productId\":10,\"quantity\":1}],\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}";
        Http keyed = http.withHeader("Idempotency-Key", key);

        var first = keyed.post("/orders", body);
        var again = keyed.post("/orders", body);
        var other = keyed.post("/orders", body.replace("\"quantity\":1", "\"quantity\":2"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("requestId").asText()).isEqualTo(key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE request_id = ?", Integer.class, key)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sandbox_payment WHERE order_id = ?", Integer.class,
                first.json().path("orderId").asText())).isEqualTo(1);
    }

    @Test
    void shouldAnswerValidationFailedAndWriteNothingForBadInput() {
        int orders = count("orders");
        String[] bodies = {
            "{\"items\":[{\"productId\":1,\"quantity\":1}]}",
            "{\"userId\":1}",
            "{\"userId\":1,\"items\":[]}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":0}]}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1001}]}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1},{\"productId\":1,\"quantity\":2}]}",
            "{\"userId\":1,\"items\":[{\"productId\":-1,\"quantity\":1}]}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":\"1\"}]}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1.5}]}",
            "{\"userId\":\"1\",\"items\":[{\"productId\":1,\"quantity\":1}]}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1}],\"pointsToUse\":-1}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1}],\"couponPolicy\":\"SOMETIMES\"}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1}],\"payment\":{\"method\":\"CASH\",\"cardToken\":\"t\"}}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1}],\"payment\":{\"method\":\"CARD\"}}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1}],\"couponId\":0}",
            "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1}],\"requestId\":\"\"}",
            "{\"userId\":1,\"items\":" + fiftyOneLines() + "}",
            "{\"userId\":1,",
            "[]",
            "",
        };
        for (String body : bodies) {
            var answer = http.post("/orders", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("SQL");
        }
        var mismatch = http.withHeader("Idempotency-Key", "a").post("/orders",
                "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1}],\"requestId\":\"b\"}");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(count("orders")).isEqualTo(orders);
    }

    @Test
    void shouldReadOrdersByIdAndListAUsersOrdersNewestFirst() {
        String body = "{\"userId\":27,\"items\":[{\"productId\":3,\"quantity\":1}],\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}";
        String first = http.post("/orders", body).json().path("orderId").asText();
        String second = http.post("/orders", body).json().path("orderId").asText();
        String third = http.post("/orders", body).json().path("orderId").asText();

        var all = http.get("/users/27/orders").json().path("items");
        var two = http.get("/users/27/orders?limit=2").json().path("items");

        assertThat(List.of(all.get(0).path("orderId").asText(), all.get(1).path("orderId").asText(), all.get(2).path("orderId").asText()))
                .containsExactly(third, second, first);
        assertThat(two.size()).isEqualTo(2);
        assertThat(http.get("/users/999999/orders").json().path("items").size()).isZero();
        assertThat(http.get("/users/27/orders?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/users/abc/orders").status()).isEqualTo(400);
        assertThat(http.get("/orders/" + first).json().path("userId").asLong()).isEqualTo(27);
        assertThat(http.get("/orders/" + UUID.randomUUID()).code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(http.get("/orders/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(http.get("/orders/not-a-uuid").status()).isEqualTo(400);
    }

    private long issueCoupon(long userId, String type, long value, long minOrderAmount) {
        Long couponId = jdbc.queryForObject("INSERT INTO coupon (name, discount_type, discount_value, total_quantity, issued_quantity, "
                + "min_order_amount) VALUES ('test', ?, ?, 10, 1, ?) RETURNING id", Long.class, type, value, minOrderAmount);
        return jdbc.queryForObject("INSERT INTO issued_coupon (coupon_id, user_id) VALUES (?, ?) RETURNING id", Long.class, couponId, userId);
    }

    private static String order(long userId, long issuedCouponId, String cardToken) {
        return "{\"userId\":" + userId + ",\"items\":[{\"productId\":10,\"quantity\":2}],\"pointsToUse\":300,\"couponId\":" + issuedCouponId
                + ",\"payment\":{\"method\":\"CARD\",\"cardToken\":\"" + cardToken + "\"}}";
    }

    private static String fiftyOneLines() {
        StringBuilder lines = new StringBuilder("[");
        for (int i = 1; i <= 51; i++) {
            lines.append(i > 1 ? "," : "").append("{\"productId\":").append(i).append(",\"quantity\":1}");
        }
        return lines.append("]").toString();
    }
}
