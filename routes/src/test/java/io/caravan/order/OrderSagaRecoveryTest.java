package io.caravan.order;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.caravan.common.rest.CaravanJson;
import io.caravan.common.saga.JdbcSagaService;

import static io.caravan.order.OrderEndpoints.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OrderSagaRecoveryPolicy on real sagas in the saga log: each test leaves an order and its saga as order-app
 * would have left them when it died between two steps (saga RUNNING, its owner's lease expired, the steps
 * logged with the options the routes give them), then lets recovery run and checks how the order ends.
 */
class OrderSagaRecoveryTest extends OrderServiceTestBase {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Autowired
    CamelContext camelContext;

    JdbcSagaService sagas;

    @BeforeEach
    void sagaService() {
        sagas = camelContext.hasService(JdbcSagaService.class);
    }

    @Test
    void shouldFinishTheOrderForwardWhenTheCardPaymentWasCaptured() {
        String orderId = pendingOrder(41, 1_000);
        jdbc.update("INSERT INTO payment (order_id, payment_id, amount, status) VALUES (?::uuid, 'pay-41', 700, 'CAPTURED')", orderId);
        String saga = interruptedSaga(orderId, "dead-instance", "-1 second",
                createStep(orderId), stockStep(orderId), pointsStep(orderId), paymentStep(orderId, 700));

        sagas.recoverNow();

        await().atMost(BOUND).until(() -> "COMPLETED".equals(sagaStatus(saga)));
        Map<String, Object> order = jdbc.queryForMap("SELECT status, total_amount, points_used, paid_amount FROM orders WHERE id = ?::uuid", orderId);
        assertThat(order).containsEntry("status", "COMPLETED").containsEntry("total_amount", 1_000L)
                .containsEntry("points_used", 300L).containsEntry("paid_amount", 700L);
        assertThat(jdbc.queryForObject("SELECT line_amount FROM order_item WHERE order_id = ?::uuid", Long.class, orderId)).isEqualTo(1_000L);
        assertThat(ParticipantStubs.CONFIRMED).contains(orderId);
        assertThat(ParticipantStubs.RELEASED).doesNotContain(orderId);
        assertThat(ParticipantStubs.REFUNDED).doesNotContain(orderId);
        assertThat(events(orderId)).containsExactly("PaymentCompleted", "OrderCompleted");
    }

    @Test
    void shouldFinishTheOrderForwardWhenNothingWasLeftToPayAndEveryStepSucceeded() {
        String orderId = pendingOrder(42, 1_000);
        String saga = interruptedSaga(orderId, "dead-instance", "-1 second",
                createStep(orderId), stockStep(orderId), pointsStep(orderId), completeStep(orderId, 0));

        sagas.recoverNow();

        await().atMost(BOUND).until(() -> "COMPLETED".equals(sagaStatus(saga)));
        assertThat(orderStatus(orderId)).isEqualTo("COMPLETED");
        assertThat(ParticipantStubs.CONFIRMED).contains(orderId);
        assertThat(ParticipantStubs.REFUNDED).doesNotContain(orderId);
        assertThat(events(orderId)).containsExactly("OrderCompleted");
    }

    @Test
    void shouldCompleteTheOrderAndWriteItsEventsOnceWhenTheCompletionRunsAgain() {
        String orderId = pendingOrder(46, 1_000);
        Map<String, Object> options = new LinkedHashMap<>(completeStep(orderId, 700).options());

        ProducerTemplate completion = camelContext.createProducerTemplate();
        completion.sendBodyAndHeaders(FINISH_ORDER, null, options);
        completion.sendBodyAndHeaders(FINISH_ORDER, null, options); // a completion may run more than once
        completion.stop();

        assertThat(orderStatus(orderId)).isEqualTo("COMPLETED");
        assertThat(events(orderId)).containsExactly("PaymentCompleted", "OrderCompleted");
    }

    @Test
    void shouldUndoEveryStepAndVoidWhenTheChargeWasNotRecordedAsCaptured() {
        String orderId = pendingOrder(43, 1_000);
        long issuedCouponId = usedCoupon(43, orderId);
        String saga = interruptedSaga(orderId, "dead-instance", "-1 second",
                createStep(orderId), stockStep(orderId), pointsStep(orderId), couponStep(orderId, issuedCouponId), paymentStep(orderId, 600));

        sagas.recoverNow();

        await().atMost(BOUND).until(() -> "COMPENSATED".equals(sagaStatus(saga)));
        Map<String, Object> order = jdbc.queryForMap("SELECT status, failure_code FROM orders WHERE id = ?::uuid", orderId);
        assertThat(order).containsEntry("status", "FAILED").containsEntry("failure_code", "SERVICE_UNAVAILABLE");
        assertThat(ParticipantStubs.RELEASED).contains(orderId);
        assertThat(ParticipantStubs.REFUNDED).contains(orderId);
        assertThat(ParticipantStubs.CONFIRMED).doesNotContain(orderId);
        assertThat(jdbc.queryForObject("SELECT status FROM issued_coupon WHERE id = ?", String.class, issuedCouponId)).isEqualTo("AVAILABLE");
        assertThat(jdbc.queryForObject("SELECT status FROM sandbox_payment WHERE order_id = ?", String.class, orderId)).isEqualTo("VOIDED");
        assertThat(events(orderId)).containsExactly("OrderFailed");
    }

    @Test
    void shouldCompensateItsOwnStuckSagaOnceItsTimeoutPassed() {
        String orderId = pendingOrder(44, 1_000);
        // this (live) instance's own saga, lease still valid, but past its timeout: stuck in a step
        String saga = interruptedSaga(orderId, sagas.instanceId(), "60 seconds", createStep(orderId), stockStep(orderId));
        jdbc.update("UPDATE saga SET timeout_at = now() - interval '1 second' WHERE id = ?", saga);

        sagas.recoverNow();

        await().atMost(BOUND).until(() -> "COMPENSATED".equals(sagaStatus(saga)));
        assertThat(orderStatus(orderId)).isEqualTo("FAILED");
        assertThat(ParticipantStubs.RELEASED).contains(orderId);
    }

    @Test
    void shouldKeepTheOrderCompensatingWhileARefundCannotBeMadeAndFailItOnceItCan() {
        String orderId = pendingOrder(45, 1_000);
        ParticipantStubs.REFUND_DOWN.add(orderId);
        String saga = interruptedSaga(orderId, "dead-instance", "-1 second", createStep(orderId), stockStep(orderId), pointsStep(orderId));
        jdbc.update("UPDATE orders SET status = 'COMPENSATING' WHERE id = ?::uuid", orderId); // the route recorded a failure

        sagas.recoverNow();

        await().atMost(BOUND).until(() -> jdbc.queryForObject("SELECT attempts FROM saga WHERE id = ?", Integer.class, saga) >= 1);
        assertThat(orderStatus(orderId)).isEqualTo("COMPENSATING");
        assertThat(ParticipantStubs.RELEASED).contains(orderId); // the other steps are undone meanwhile
        assertThat(http.get("/actuator/prometheus").body()).contains("caravan_orders_compensating").contains("caravan_saga_compensating");

        ParticipantStubs.REFUND_DOWN.remove(orderId);

        await().atMost(BOUND).until(() -> {
            sagas.recoverNow();
            return "FAILED".equals(orderStatus(orderId));
        });
        assertThat(ParticipantStubs.REFUNDED).contains(orderId);
        assertThat(sagaStatus(saga)).isEqualTo("COMPENSATED");
    }

    // --- an order and its saga as a crashed order-app left them -------------------------------------------

    /** A PENDING order of one line of product 10 (1,000) for user {@code userId}, as CREATE_ORDER wrote it. */
    private String pendingOrder(long userId, long total) {
        String orderId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO orders (id, user_id, status) VALUES (?::uuid, ?, 'PENDING')", orderId, userId);
        jdbc.update("INSERT INTO order_item (order_id, line_no, product_id, quantity) VALUES (?::uuid, 1, 10, ?)", orderId, total / 1_000);
        return orderId;
    }

    private long usedCoupon(long userId, String orderId) {
        Long couponId = jdbc.queryForObject("INSERT INTO coupon (name, discount_type, discount_value, total_quantity, issued_quantity) "
                + "VALUES ('recovery', 'FIXED', 100, 10, 1) RETURNING id", Long.class);
        return jdbc.queryForObject("INSERT INTO issued_coupon (coupon_id, user_id, status, order_id, used_at) VALUES (?, ?, 'USED', ?::uuid, now()) "
                + "RETURNING id", Long.class, couponId, userId, orderId);
    }

    private String interruptedSaga(String orderId, String owner, String leaseUntil, Step... steps) {
        String saga = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO saga (id, status, owner, lease_until, timeout_at) VALUES (?, 'RUNNING', ?, now() + CAST(? AS interval), "
                + "now() + interval '30 seconds')", saga, owner, leaseUntil);
        int seq = 1;
        for (Step step : steps) {
            jdbc.update("INSERT INTO saga_step (saga_id, seq, compensation_uri, completion_uri, options) VALUES (?, ?, ?, ?, CAST(? AS jsonb))",
                    saga, seq++, uri(step.compensation()), uri(step.completion()), CaravanJson.write(step.options()));
        }
        return saga;
    }

    private Step createStep(String orderId) {
        return new Step(FAIL_ORDER, null, Map.of(OPTION_ORDER_ID, orderId));
    }

    private Step stockStep(String orderId) {
        return new Step(RELEASE_STOCK, CONFIRM_STOCK, Map.of(OPTION_ORDER_ID, orderId));
    }

    private Step pointsStep(String orderId) {
        return new Step(REFUND_POINTS, null, Map.of(OPTION_ORDER_ID, orderId));
    }

    private Step couponStep(String orderId, long issuedCouponId) {
        return new Step(RESTORE_COUPON, null, Map.of(OPTION_ORDER_ID, orderId, OPTION_ISSUED_COUPON_ID, String.valueOf(issuedCouponId)));
    }

    private Step paymentStep(String orderId, long amount) {
        return new Step(VOID_PAYMENT, FINISH_ORDER, Map.of(OPTION_ORDER_ID, orderId, OPTION_AMOUNT, String.valueOf(amount),
                "outcome", outcome(orderId, amount)));
    }

    private Step completeStep(String orderId, long amount) {
        return new Step(null, FINISH_ORDER, Map.of(OPTION_ORDER_ID, orderId, "outcome", outcome(orderId, amount)));
    }

    /** The outcome option as OrderOutcome writes it: 1,000 in total, 300 points, the rest by card. */
    private static String outcome(String orderId, long paid) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("orderId", orderId);
        outcome.put("userId", 41);
        outcome.put("totalAmount", 1_000);
        outcome.put("pointsUsed", 1_000 - paid);
        outcome.put("discountAmount", 0);
        outcome.put("paidAmount", paid);
        outcome.put("couponApplied", false);
        outcome.put("pricedLinesJson", "[{\"productId\":10,\"unitPrice\":1000,\"lineAmount\":1000}]");
        return CaravanJson.write(outcome);
    }

    private String uri(String endpoint) {
        return endpoint == null ? null : camelContext.getEndpoint(endpoint).getEndpointUri();
    }

    private String sagaStatus(String saga) {
        return jdbc.queryForObject("SELECT status FROM saga WHERE id = ?", String.class, saga);
    }

    private String orderStatus(String orderId) {
        return jdbc.queryForObject("SELECT status FROM orders WHERE id = ?::uuid", String.class, orderId);
    }

    private List<String> events(String orderId) {
        return jdbc.queryForList("SELECT event_type FROM outbox WHERE message_key = ? ORDER BY id", String.class, orderId);
    }

    private record Step(String compensation, String completion, Map<String, String> options) {}
}
