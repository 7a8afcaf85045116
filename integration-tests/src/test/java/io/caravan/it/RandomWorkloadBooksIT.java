package io.caravan.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The books after {@link BooksWorkload} (hundreds of concurrent orders over scarce stock, charges, restocks, coupon
 * issues), read back from the services' public API only (no JDBC): every product's stock, every user's points,
 * every coupon's issues and uses balance against the orders that completed, and every request was answered as the
 * contract says. Each test names the workload's seed when it fails.
 */
class RandomWorkloadBooksIT {

    private static BooksWorkload workload;
    private static Map<String, JsonNode> orders;

    @BeforeAll
    static void runWorkload() {
        workload = BooksWorkload.shared();
        orders = workload.ordersById();
    }

    @Test
    void shouldAnswerEveryRequestAsTheContractSaysWhenRequestsRace() {
        workload.verify(() -> {
            assertThat(workload.unexpected).as("answers the contract does not allow").isEmpty();
            // the workload must have exercised the outcomes the books are about (a seed that does not is a bad plan)
            Map<String, Long> outcomes = workload.outcomes();
            assertThat(outcomes).as("order outcomes").containsKeys("201", "409 INSUFFICIENT_STOCK", "409 INSUFFICIENT_POINTS", "409 PAYMENT_DECLINED");
            assertThat(orders.values()).as("orders that used points")
                    .anyMatch(o -> completed(o) && o.path("pointsUsed").asLong() > 0);
            assertThat(orders.values()).as("orders that applied a coupon")
                    .anyMatch(o -> completed(o) && o.path("coupon").path("applied").asBoolean());
        });
    }

    @Test
    void shouldFinishEveryOrderAndRunEachIdempotencyKeyOnce() {
        workload.verify(() -> {
            SoftAssertions softly = new SoftAssertions();
            Map<String, List<JsonNode>> byKey = new HashMap<>();
            for (JsonNode order : orders.values()) {
                String status = order.path("status").asText();
                softly.assertThat(status).as("status of order %s", order.path("orderId").asText()).isIn("COMPLETED", "FAILED");
                if ("FAILED".equals(status)) {
                    softly.assertThat(order.path("failure").path("code").asText("")).as("failure code of %s", order.path("orderId").asText())
                            .isNotEmpty();
                }
                byKey.computeIfAbsent(order.path("requestId").asText(), k -> new ArrayList<>()).add(order);
            }
            byKey.forEach((key, sameKey) -> softly.assertThat(sameKey).as("orders with Idempotency-Key %s", key).hasSize(1));

            Set<String> keysSent = new HashSet<>();
            synchronized (workload.orderCalls) {
                for (BooksWorkload.OrderCall call : workload.orderCalls) {
                    String key = call.spec().key;
                    keysSent.add(key);
                    // REQUEST_IN_PROGRESS: no order of its own. (It may name the orderId of the refused attempt, which was
                    // never stored: the contract says nothing of an orderId there, so it is not compared.)
                    if ("REQUEST_IN_PROGRESS".equals(call.code())) {
                        continue;
                    }
                    List<JsonNode> sameKey = byKey.getOrDefault(key, List.of());
                    softly.assertThat(sameKey).as("orders of key %s, answered %d %s with orderId %s", key, call.status(), call.code(),
                            call.orderId()).hasSize(1);
                    if (sameKey.size() != 1) {
                        continue;
                    }
                    JsonNode order = sameKey.get(0);
                    softly.assertThat(call.orderId()).as("orderId answered %d %s to key %s", call.status(), call.code(), key)
                            .isEqualTo(order.path("orderId").asText());
                    if (call.status() == 201) {
                        softly.assertThat(order.path("status").asText()).as("order %s answered 201", call.orderId()).isEqualTo("COMPLETED");
                    } else {
                        softly.assertThat(order.path("status").asText()).as("order %s answered %s", call.orderId(), call.code()).isEqualTo("FAILED");
                        softly.assertThat(order.path("failure").path("code").asText()).as("failure of %s", call.orderId()).isEqualTo(call.code());
                    }
                }
            }
            softly.assertThat(byKey.keySet()).as("keys of the orders order-app holds").isSubsetOf(keysSent);
            softly.assertAll();
        });
    }

    @Test
    void shouldBalanceStockOfEveryProductWhenOrdersRace() {
        workload.verify(() -> {
            Map<Long, Long> sold = new HashMap<>();
            orders.values().stream().filter(RandomWorkloadBooksIT::completed).forEach(o -> o.path("items").forEach(
                    i -> sold.merge(i.path("productId").asLong(), i.path("quantity").asLong(), Long::sum)));
            SoftAssertions softly = new SoftAssertions();
            for (BooksWorkload.Product product : workload.products) {
                long available = BooksWorkload.get(workload.catalog(), "/products/" + product.id()).path("stock").asLong();
                long restocked = workload.restocked.containsKey(product.id()) ? workload.restocked.get(product.id()).get() : 0;
                long soldUnits = sold.getOrDefault(product.id(), 0L);
                softly.assertThat(available).as("available stock of product %d", product.id()).isNotNegative();
                softly.assertThat(available + soldUnits)
                        .as("product %d: available %d + sold %d = initial %d + restocked %d", product.id(), available, soldUnits,
                                product.initialStock(), restocked)
                        .isEqualTo(product.initialStock() + restocked);
            }
            softly.assertAll();
        });
    }

    @Test
    void shouldBalancePointsOfEveryUserWhenOrdersAndChargesRace() {
        workload.verify(() -> {
            Map<Long, Long> charged = new HashMap<>();
            workload.charges.values().forEach(c -> charged.merge(c.userId(), c.amount(), Long::sum));
            SoftAssertions softly = new SoftAssertions();
            for (long userId : workload.userIds) {
                long balance = BooksWorkload.get(workload.users(), "/users/" + userId + "/points").path("balance").asLong();
                JsonNode history = BooksWorkload.get(workload.users(), "/users/" + userId + "/points/history?limit=100").path("items");
                assertThat(history.size()).as("history of user %d fits one page", userId).isLessThan(100);
                long charges = 0, used = 0, refunded = 0;
                Map<String, List<JsonNode>> byOrder = new HashMap<>();
                for (JsonNode entry : history) {
                    long amount = entry.path("amount").asLong();
                    softly.assertThat(amount).as("amount of history entry %s", entry.path("id").asText()).isPositive();
                    softly.assertThat(entry.path("balanceAfter").asLong()).as("balanceAfter of entry %s", entry.path("id").asText()).isNotNegative();
                    switch (entry.path("type").asText()) {
                        case "CHARGE" -> charges += amount;
                        case "USE" -> used += amount;
                        case "REFUND" -> refunded += amount;
                        default -> softly.fail("history entry of unknown type: " + entry);
                    }
                    if (entry.hasNonNull("orderId")) {
                        byOrder.computeIfAbsent(entry.path("orderId").asText(), k -> new ArrayList<>()).add(entry);
                    }
                }
                long chargedByClient = charged.getOrDefault(userId, 0L);
                softly.assertThat(balance).as("balance of user %d", userId).isNotNegative();
                softly.assertThat(charges).as("CHARGE entries of user %d = successful charges (one per requestId)", userId).isEqualTo(chargedByClient);
                softly.assertThat(chargedByClient - used + refunded)
                        .as("user %d: charged %d - used %d + refunded %d = balance %d", userId, chargedByClient, used, refunded, balance)
                        .isEqualTo(balance);
                if (!history.isEmpty()) {
                    softly.assertThat(history.get(0).path("balanceAfter").asLong()).as("newest balanceAfter of user %d", userId).isEqualTo(balance);
                }
                checkPointsOfOrders(softly, userId, byOrder);
            }
            checkChargeRepeats(softly);
            softly.assertAll();
        });
    }

    /** A completed order has one USE of pointsUsed and no REFUND; a failed one a REFUND for each USE. */
    private static void checkPointsOfOrders(SoftAssertions softly, long userId, Map<String, List<JsonNode>> byOrder) {
        byOrder.keySet().forEach(orderId -> softly.assertThat(orders.get(orderId))
                .as("order %s named in user %d's points history", orderId, userId).isNotNull());
        orders.values().stream().filter(o -> o.path("userId").asLong() == userId).forEach(order -> {
            String orderId = order.path("orderId").asText();
            List<JsonNode> entries = byOrder.getOrDefault(orderId, List.of());
            List<Long> uses = amounts(entries, "USE");
            List<Long> refunds = amounts(entries, "REFUND");
            if (completed(order)) {
                long pointsUsed = order.path("pointsUsed").asLong();
                softly.assertThat(uses).as("USE of completed order %s", orderId).isEqualTo(pointsUsed > 0 ? List.of(pointsUsed) : List.of());
                softly.assertThat(refunds).as("REFUND of completed order %s", orderId).isEmpty();
            } else {
                softly.assertThat(uses.size()).as("USE entries of failed order %s", orderId).isLessThanOrEqualTo(1);
                softly.assertThat(refunds).as("REFUND of failed order %s (its USE was %s)", orderId, uses).isEqualTo(uses);
            }
        });
    }

    /** A charge repeated with a requestId answered the same balance as the first. */
    private static void checkChargeRepeats(SoftAssertions softly) {
        Map<String, Set<Long>> balances = new HashMap<>();
        synchronized (workload.chargeCalls) {
            workload.chargeCalls.stream().filter(c -> c.requestId() != null && c.status() == 200)
                    .forEach(c -> balances.computeIfAbsent(c.userId() + "/" + c.requestId(), k -> new HashSet<>()).add(c.balance()));
        }
        balances.forEach((charge, answered) -> softly.assertThat(answered).as("balances answered to charge %s", charge).hasSize(1));
    }

    @Test
    void shouldIssueCouponsWithinTotalAndUseEachForOneCompletedOrder() {
        workload.verify(() -> {
            SoftAssertions softly = new SoftAssertions();
            Map<Long, BooksWorkload.Coupon> coupons = workload.coupons.stream()
                    .collect(Collectors.toMap(BooksWorkload.Coupon::id, c -> c));
            Map<Long, Long> issuedByClient = new HashMap<>();
            synchronized (workload.issued) {
                workload.issued.forEach(i -> issuedByClient.merge(i.couponId(), 1L, Long::sum));
            }
            Map<Long, List<JsonNode>> held = new HashMap<>();
            for (long userId : workload.userIds) {
                Set<Long> couponsOfUser = new HashSet<>();
                for (JsonNode issued : BooksWorkload.get(workload.orders(), "/users/" + userId + "/coupons").path("items")) {
                    long couponId = issued.path("couponId").asLong();
                    if (coupons.containsKey(couponId)) {
                        softly.assertThat(couponsOfUser.add(couponId)).as("coupon %d issued once to user %d", couponId, userId).isTrue();
                        held.computeIfAbsent(couponId, k -> new ArrayList<>()).add(issued);
                    }
                }
            }
            for (BooksWorkload.Coupon coupon : coupons.values()) {
                JsonNode read = BooksWorkload.get(workload.orders(), "/coupons/" + coupon.id());
                long issuedQuantity = read.path("issuedQuantity").asLong();
                long answered201 = issuedByClient.getOrDefault(coupon.id(), 0L);
                softly.assertThat(answered201).as("issues of coupon %d answered 201", coupon.id()).isLessThanOrEqualTo(coupon.totalQuantity());
                softly.assertThat(issuedQuantity).as("issuedQuantity of coupon %d", coupon.id())
                        .isLessThanOrEqualTo(coupon.totalQuantity()).isEqualTo(answered201);
                softly.assertThat(held.getOrDefault(coupon.id(), List.of())).as("issued copies of coupon %d", coupon.id()).hasSize((int) answered201);
            }
            Map<Long, String> usedBy = new HashMap<>();
            held.values().forEach(list -> list.forEach(issued -> {
                long id = issued.path("id").asLong();
                String status = issued.path("status").asText();
                if ("USED".equals(status)) {
                    usedBy.put(id, issued.path("orderId").asText(null));
                } else {
                    softly.assertThat(status).as("issued coupon %d not used by a completed order", id).isIn("AVAILABLE", "EXPIRED");
                }
            }));
            Map<Long, String> appliedBy = new HashMap<>();
            orders.values().stream().filter(o -> completed(o) && o.path("coupon").path("applied").asBoolean()).forEach(o -> {
                String previous = appliedBy.put(o.path("coupon").path("issuedCouponId").asLong(), o.path("orderId").asText());
                softly.assertThat(previous).as("another completed order applied coupon %d", o.path("coupon").path("issuedCouponId").asLong()).isNull();
            });
            softly.assertThat(usedBy).as("USED coupons -> their order, vs completed orders that applied a coupon").isEqualTo(appliedBy);
            orders.values().stream().filter(RandomWorkloadBooksIT::completed).forEach(o -> checkAmounts(softly, o, coupons, held));
            softly.assertAll();
        });
    }

    /** total = prices x quantities; discount per the coupon's terms, capped; paid = total - points - discount. */
    private static void checkAmounts(SoftAssertions softly, JsonNode order, Map<Long, BooksWorkload.Coupon> coupons, Map<Long, List<JsonNode>> held) {
        Map<Long, Long> prices = workload.products.stream().collect(Collectors.toMap(BooksWorkload.Product::id, BooksWorkload.Product::price));
        long total = 0;
        for (JsonNode item : order.path("items")) {
            total += prices.get(item.path("productId").asLong()) * item.path("quantity").asLong();
        }
        String orderId = order.path("orderId").asText();
        long points = order.path("pointsUsed").asLong();
        long discount = 0;
        if (order.path("coupon").path("applied").asBoolean()) {
            long issuedId = order.path("coupon").path("issuedCouponId").asLong();
            long couponId = held.values().stream().flatMap(List::stream).filter(i -> i.path("id").asLong() == issuedId)
                    .mapToLong(i -> i.path("couponId").asLong()).findFirst().orElse(-1);
            BooksWorkload.Coupon coupon = coupons.get(couponId);
            if (coupon == null) {
                softly.fail("order %s applied issued coupon %d, which no workload user holds", orderId, issuedId);
                return;
            }
            discount = Math.min("FIXED".equals(coupon.type()) ? coupon.value() : total * coupon.value() / 100, total - points);
        }
        softly.assertThat(order.path("totalAmount").asLong()).as("totalAmount of %s", orderId).isEqualTo(total);
        softly.assertThat(order.path("discountAmount").asLong()).as("discountAmount of %s", orderId).isEqualTo(discount);
        softly.assertThat(order.path("paidAmount").asLong()).as("paidAmount of %s", orderId).isEqualTo(total - points - discount);
    }

    private static List<Long> amounts(List<JsonNode> entries, String type) {
        return entries.stream().filter(e -> type.equals(e.path("type").asText())).map(e -> e.path("amount").asLong()).toList();
    }

    static boolean completed(JsonNode order) {
        return "COMPLETED".equals(order.path("status").asText());
    }
}
