package io.caravan.it;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.testsupport.Http;

import static io.caravan.it.Fixtures.*;
import static io.caravan.it.ProblemAssertions.assertOrderFailed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path of the order saga (API.md "Orders") end to end over HTTP with the three apps running: the answer,
 * then what the services show afterwards (stock, balance and history, the coupon, the order itself). A failed
 * order must be undone before its answer, so everything is read back at once, without waiting.
 */
class OrderSagaE2EIT {

    private static final CaravanSystem caravan = CaravanSystem.get();

    // --- failures: each is undone and named by its orderId ---------------------------------------------------

    @Test
    void shouldChangeNothingWhenStockIsShort() {
        long user = newUserWithPoints(1_000);
        long product = newProduct(2_000, 2);

        Http.Response refused = placeOrder(order(user).item(product, 3).points(1_000).card("tok_visa"));

        String orderId = assertOrderFailed(refused, 409, "INSUFFICIENT_STOCK");
        assertThat(stock(product)).isEqualTo(2);
        assertThat(balance(user)).isEqualTo(1_000);
        assertThat(pointHistory(user)).extracting(h -> h.path("type").asText()).containsExactly("CHARGE");
        assertReadBackFailed(user, orderId, "INSUFFICIENT_STOCK");
    }

    @Test
    void shouldReleaseStockWhenPointsAreShort() {
        long user = newUserWithPoints(1_000);
        long product = newProduct(5_000, 10);

        Http.Response refused = placeOrder(order(user).item(product, 2).points(3_000).card("tok_visa"));

        String orderId = assertOrderFailed(refused, 409, "INSUFFICIENT_POINTS");
        assertThat(stock(product)).isEqualTo(10);
        assertThat(balance(user)).isEqualTo(1_000);
        assertReadBackFailed(user, orderId, "INSUFFICIENT_POINTS");
    }

    @Test
    void shouldReleaseStockAndDeductNothingWhenPointsExceedTotal() {
        long user = newUserWithPoints(10_000);
        long product = newProduct(1_000, 4);

        Http.Response refused = placeOrder(order(user).item(product, 1).points(2_000).card("tok_visa"));

        String orderId = assertOrderFailed(refused, 409, "POINTS_EXCEED_TOTAL");
        assertThat(stock(product)).isEqualTo(4);
        assertThat(balance(user)).isEqualTo(10_000);
        assertThat(pointHistory(user)).extracting(h -> h.path("type").asText()).containsExactly("CHARGE");
        assertReadBackFailed(user, orderId, "POINTS_EXCEED_TOTAL");
    }

    @Test
    void shouldRefundPointsAndReleaseStockWhenRequiredCouponIsBelowMinimum() {
        long user = newUserWithPoints(5_000);
        long product = newProduct(10_000, 3);
        long issued = issue(newCoupon("FIXED", 1_000, 10, 50_000, null), user);

        Http.Response refused = placeOrder(order(user).item(product, 1).points(2_000).coupon(issued).card("tok_visa"));

        String orderId = assertOrderFailed(refused, 409, "COUPON_NOT_APPLICABLE");
        assertThat(stock(product)).isEqualTo(3);
        assertThat(balance(user)).isEqualTo(5_000);
        JsonNode history = pointHistory(user);
        assertThat(history).extracting(h -> h.path("type").asText()).containsExactly("REFUND", "USE", "CHARGE");
        assertThat(history.get(0).path("amount").asLong()).isEqualTo(2_000);
        assertThat(history.get(0).path("balanceAfter").asLong()).isEqualTo(5_000);
        assertThat(history.get(1).path("amount").asLong()).isEqualTo(2_000);
        assertThat(history.get(1).path("balanceAfter").asLong()).isEqualTo(3_000);
        assertThat(history.get(0).path("orderId").asText()).isEqualTo(orderId);
        assertThat(history.get(1).path("orderId").asText()).isEqualTo(orderId);
        assertThat(userCoupon(user, issued).path("status").asText()).isEqualTo("AVAILABLE");
        assertNothingCharged(orderId);
        assertReadBackFailed(user, orderId, "COUPON_NOT_APPLICABLE");
    }

    @Test
    void shouldRefuseAnotherUsersCouponAndLeaveItAvailable() {
        long owner = newUser();
        long user = newUser();
        long product = newProduct(3_000, 2);
        long issued = issue(newCoupon("FIXED", 1_000), owner);

        Http.Response refused = placeOrder(order(user).item(product, 1).coupon(issued).card("tok_visa"));

        String orderId = assertOrderFailed(refused, 409, "COUPON_NOT_APPLICABLE");
        assertThat(stock(product)).isEqualTo(2);
        assertThat(userCoupon(owner, issued).path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(userCoupon(owner, issued).has("orderId")).isFalse();
        assertReadBackFailed(user, orderId, "COUPON_NOT_APPLICABLE");
    }

    @Test
    void shouldCompleteWithoutCouponAndSayWhyWhenOptionalCouponDoesNotApply() {
        long user = newUserWithPoints(1_000);
        long product = newProduct(4_000, 5);
        long issued = issue(newCoupon("FIXED", 1_000, 10, 100_000, null), user);

        Http.Response placed = placeOrder(order(user).item(product, 2).points(1_000).optionalCoupon(issued).card("tok_visa"));

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode completed = placed.json();
        assertThat(completed.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.path("coupon").path("issuedCouponId").asLong()).isEqualTo(issued);
        assertThat(completed.path("coupon").path("applied").asBoolean(true)).isFalse();
        assertThat(completed.path("coupon").path("skippedReason").asText()).isNotBlank();
        assertThat(completed.path("totalAmount").asLong()).isEqualTo(8_000);
        assertThat(completed.path("discountAmount").asLong()).isZero();
        assertThat(completed.path("paidAmount").asLong()).isEqualTo(7_000);
        JsonNode coupon = userCoupon(user, issued);
        assertThat(coupon.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(coupon.has("orderId")).isFalse();
        assertThat(stock(product)).isEqualTo(3);
        assertThat(balance(user)).isZero();
        assertReadBackSame(user, placed);
    }

    @Test
    void shouldUndoCouponPointsAndStockWhenCardIsDeclined() {
        long user = newUserWithPoints(5_000);
        long product = newProduct(4_000, 5);
        long issued = issue(newCoupon("FIXED", 500), user);

        Http.Response refused = placeOrder(order(user).item(product, 2).points(1_000).coupon(issued).card("tok_declined"));

        String orderId = assertOrderFailed(refused, 409, "PAYMENT_DECLINED");
        assertThat(userCoupon(user, issued).path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(userCoupon(user, issued).has("orderId")).isFalse();
        assertThat(balance(user)).isEqualTo(5_000);
        assertThat(pointHistory(user)).extracting(h -> h.path("type").asText()).containsExactly("REFUND", "USE", "CHARGE");
        assertThat(stock(product)).isEqualTo(5);
        assertNothingCharged(orderId);
        assertReadBackFailed(user, orderId, "PAYMENT_DECLINED");
    }

    @Test
    void shouldVoidPaymentAndUndoEverythingWhenGatewayAnswersTooLate() {
        long user = newUserWithPoints(5_000);
        long product = newProduct(4_000, 5);
        long issued = issue(newCoupon("RATE", 10), user);

        Http.Response refused = placeOrder(order(user).item(product, 2).points(1_000).coupon(issued).card("tok_timeout"));

        String orderId = assertOrderFailed(refused, 503, "SERVICE_UNAVAILABLE");
        // the sandbox captured the charge before answering too late: the saga must have voided it (JDBC: only the gateway shows it)
        assertThat(caravan.count(App.ORDER, "SELECT count(*) FROM sandbox_payment WHERE order_id = ? AND amount = 6200 AND status = 'VOIDED'", orderId))
                .as("the late capture of 6200 (8000 - 1000 points - 10%% of 8000) was voided").isEqualTo(1);
        assertThat(userCoupon(user, issued).path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(balance(user)).isEqualTo(5_000);
        assertThat(stock(product)).isEqualTo(5);
        assertReadBackFailed(user, orderId, "SERVICE_UNAVAILABLE");
    }

    @Test
    void shouldUndoPointsAndStockWhenSomethingIsLeftToPayWithoutPayment() {
        long user = newUserWithPoints(1_000);
        long product = newProduct(3_000, 2);

        Http.Response refused = placeOrder(order(user).item(product, 1).points(1_000));

        String orderId = assertOrderFailed(refused, 409, "PAYMENT_METHOD_REQUIRED");
        assertThat(balance(user)).isEqualTo(1_000);
        assertThat(stock(product)).isEqualTo(2);
        assertReadBackFailed(user, orderId, "PAYMENT_METHOD_REQUIRED");
    }

    @Test
    void shouldReserveNothingWhenAProductIsUnknown() {
        long user = newUserWithPoints(1_000);
        long product = newProduct(1_000, 3);

        Http.Response refused = placeOrder(order(user).item(product, 1).item(Long.MAX_VALUE - 1, 1).points(500).card("tok_visa"));

        String orderId = assertOrderFailed(refused, 404, "PRODUCT_NOT_FOUND");
        assertThat(stock(product)).isEqualTo(3);
        assertThat(balance(user)).isEqualTo(1_000);
        assertReadBackFailed(user, orderId, "PRODUCT_NOT_FOUND");
    }

    @Test
    void shouldReleaseReservationWhenUserIsUnknown() {
        long unknownUser = Long.MAX_VALUE - System.nanoTime() % 1_000_000;
        long product = newProduct(1_000, 3);

        Http.Response refused = placeOrder(order(unknownUser).item(product, 2).points(500).card("tok_visa"));

        String orderId = assertOrderFailed(refused, 404, "USER_NOT_FOUND");
        assertThat(stock(product)).isEqualTo(3);
        assertReadBackFailed(unknownUser, orderId, "USER_NOT_FOUND");
    }

    @Test
    void shouldRefuseUnknownUserAlsoWhenNoPointsAreUsed() {
        long unknownUser = Long.MAX_VALUE - 1_000_000 - System.nanoTime() % 1_000_000;
        long product = newProduct(1_000, 3);

        Http.Response refused = placeOrder(order(unknownUser).item(product, 1).card("tok_visa"));

        String orderId = assertOrderFailed(refused, 404, "USER_NOT_FOUND");
        assertThat(stock(product)).isEqualTo(3);
        assertNothingCharged(orderId);
    }

    // --- success -----------------------------------------------------------------------------------------------

    @Test
    void shouldCompleteWithExactAmountsWhenPaidByPointsCouponAndCard() {
        long user = newUserWithPoints(10_000);
        long first = newProduct(10_000, 5);
        long second = newProduct(3_500, 4);
        long issued = issue(newCoupon("FIXED", 2_000, 10, 20_000, null), user);

        Http.Response placed = placeOrder(order(user).item(first, 2).item(second, 1).points(3_000).coupon(issued).card("tok_visa"));

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode completed = placed.json();
        String orderId = completed.path("orderId").asText();
        assertThat(placed.header("Location")).isEqualTo("/orders/" + orderId);
        assertThat(completed.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.path("userId").asLong()).isEqualTo(user);
        assertThat(completed.path("totalAmount").asLong()).isEqualTo(23_500);
        assertThat(completed.path("pointsUsed").asLong()).isEqualTo(3_000);
        assertThat(completed.path("discountAmount").asLong()).isEqualTo(2_000);
        assertThat(completed.path("paidAmount").asLong()).isEqualTo(18_500);
        assertThat(completed.path("coupon").path("issuedCouponId").asLong()).isEqualTo(issued);
        assertThat(completed.path("coupon").path("applied").asBoolean()).isTrue();
        assertThat(completed.path("coupon").has("skippedReason")).isFalse();
        assertThat(completed.path("createdAt").asText()).isNotBlank();
        assertThat(completed.path("completedAt").asText()).isNotBlank();
        assertThat(completed.has("failure")).isFalse();
        JsonNode items = completed.path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("productId").asLong()).isEqualTo(first);
        assertThat(items.get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(items.get(0).path("unitPrice").asLong()).isEqualTo(10_000);
        assertThat(items.get(0).path("lineAmount").asLong()).isEqualTo(20_000);
        assertThat(items.get(1).path("productId").asLong()).isEqualTo(second);
        assertThat(items.get(1).path("lineAmount").asLong()).isEqualTo(3_500);

        assertThat(stock(first)).isEqualTo(3);
        assertThat(stock(second)).isEqualTo(3);
        assertThat(balance(user)).isEqualTo(7_000);
        JsonNode use = pointHistory(user).get(0);
        assertThat(use.path("type").asText()).isEqualTo("USE");
        assertThat(use.path("amount").asLong()).isEqualTo(3_000);
        assertThat(use.path("orderId").asText()).isEqualTo(orderId);
        JsonNode coupon = userCoupon(user, issued);
        assertThat(coupon.path("status").asText()).isEqualTo("USED");
        assertThat(coupon.path("orderId").asText()).isEqualTo(orderId);
        assertThat(caravan.count(App.ORDER, "SELECT count(*) FROM sandbox_payment WHERE order_id = ? AND status = 'CAPTURED' AND amount = 18500", orderId))
                .as("the card was charged the paid amount once").isEqualTo(1);
        assertReadBackSame(user, placed);
    }

    static Stream<Arguments> discounts() {
        return Stream.of(
                // type, value, unit price, quantity, points, discount, paid
                Arguments.of("FIXED", 1_000, 2_500, 2, 0, 1_000, 4_000),
                Arguments.of("RATE", 15, 3_333, 3, 0, 1_499, 8_500),         // floor(9999 * 15 / 100) = floor(1499.85)
                Arguments.of("RATE", 50, 1_000, 1, 900, 100, 0),             // 500, capped at total - points
                Arguments.of("FIXED", 5_000, 3_000, 1, 1_000, 2_000, 0));    // 5000, capped at total - points
    }

    @ParameterizedTest(name = "{0} {1} on {3} x {2} with {4} points")
    @MethodSource("discounts")
    void shouldApplyDiscountRuleWhenCouponApplies(String type, long value, long price, int quantity, long points, long discount, long paid) {
        long user = newUserWithPoints(points);
        long product = newProduct(price, quantity);
        long issued = issue(newCoupon(type, value), user);
        Fixtures.OrderBody body = order(user).item(product, quantity).points(points).coupon(issued);

        Http.Response placed = placeOrder(paid > 0 ? body.card("tok_visa") : body);

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().path("totalAmount").asLong()).isEqualTo(price * quantity);
        assertThat(placed.json().path("pointsUsed").asLong()).isEqualTo(points);
        assertThat(placed.json().path("discountAmount").asLong()).isEqualTo(discount);
        assertThat(placed.json().path("paidAmount").asLong()).isEqualTo(paid);
        assertThat(stock(product)).isZero();
        assertThat(userCoupon(user, issued).path("status").asText()).isEqualTo("USED");
        if (paid == 0) {
            assertNothingCharged(placed.json().path("orderId").asText());
        }
    }

    @Test
    void shouldChargeNothingWhenPointsPayEverything() {
        long user = newUserWithPoints(5_000);
        long product = newProduct(2_500, 2);

        Http.Response placed = placeOrder(order(user).item(product, 2).points(5_000));

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode completed = placed.json();
        assertThat(completed.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.path("totalAmount").asLong()).isEqualTo(5_000);
        assertThat(completed.path("pointsUsed").asLong()).isEqualTo(5_000);
        assertThat(completed.path("discountAmount").asLong()).isZero();
        assertThat(completed.path("paidAmount").asLong()).isZero();
        assertThat(completed.has("coupon")).isFalse();
        assertThat(balance(user)).isZero();
        assertThat(stock(product)).isZero();
        assertNothingCharged(completed.path("orderId").asText());
        assertReadBackSame(user, placed);
    }

    // --- read-backs ----------------------------------------------------------------------------------------------

    /** GET /orders/{id} and GET /users/{id}/orders show the failed order with the answer's code. */
    private static void assertReadBackFailed(long userId, String orderId, String code) {
        Http.Response read = getOrder(orderId);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode order = read.json();
        assertThat(order.path("orderId").asText()).isEqualTo(orderId);
        assertThat(order.path("userId").asLong()).isEqualTo(userId);
        assertThat(order.path("status").asText()).isEqualTo("FAILED");
        assertThat(order.path("failure").path("code").asText()).isEqualTo(code);
        assertThat(order.path("failure").path("detail").isTextual()).isTrue();
        assertThat(order.has("completedAt")).isFalse();
        assertThat(listedOrder(userId, orderId)).isEqualTo(order);
    }

    /** GET /orders/{id} and GET /users/{id}/orders show exactly what the 201 answered. */
    private static void assertReadBackSame(long userId, Http.Response placed) {
        String orderId = placed.json().path("orderId").asText();
        Http.Response read = getOrder(orderId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(placed.json());
        assertThat(listedOrder(userId, orderId)).isEqualTo(placed.json());
    }

    /** No capture at the (sandbox) gateway stands for this order: nothing was charged, or it was voided. */
    private static void assertNothingCharged(String orderId) {
        assertThat(caravan.count(App.ORDER, "SELECT count(*) FROM sandbox_payment WHERE order_id = ? AND status = 'CAPTURED'", orderId))
                .as("captured payments of order %s", orderId).isZero();
    }
}
