package io.caravan.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One order of {@link BooksWorkload}: its Idempotency-Key and its body, decided from its own seeded random the first
 * time it is sent (the coupon it names is one issued by then), then sent unchanged however often the key repeats.
 * It also knows which answers the contract allows for it.
 */
final class OrderSpec {

    static final List<String> CARDS = List.of("tok_visa", "tok_declined", "tok_timeout", "none");

    final String key;
    final long userId;
    private final BooksWorkload workload;
    private final Random random;
    private final AtomicInteger sends = new AtomicInteger();
    private String body;
    Map<Long, Integer> lines;
    long pointsToUse;
    Long couponId;
    String couponPolicy;
    String card;

    /** Spends more points than the user holds (INSUFFICIENT_POINTS) on 2 of this product; null for a random order. */
    private final Long overdraftProductId;

    OrderSpec(BooksWorkload workload, Random random, String key, long userId) {
        this(workload, random, key, userId, null);
    }

    OrderSpec(BooksWorkload workload, Random random, String key, long userId, Long overdraftProductId) {
        this.workload = workload;
        this.random = random;
        this.key = key;
        this.userId = userId;
        this.overdraftProductId = overdraftProductId;
    }

    /** The body, built once; every call counts as one send of this key. */
    synchronized String body() {
        sends.incrementAndGet();
        if (body == null) {
            body = build();
        }
        return body;
    }

    private String build() {
        lines = new LinkedHashMap<>();
        if (overdraftProductId != null) {
            lines.put(overdraftProductId, 2);
            pointsToUse = 190_000;
            card = "tok_visa";
            return "{\"userId\":%d,\"items\":[{\"productId\":%d,\"quantity\":2}],\"pointsToUse\":190000,"
                    .formatted(userId, overdraftProductId) + "\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}";
        }
        int count = 1 + random.nextInt(3);
        while (lines.size() < count) {
            BooksWorkload.Product product = workload.products.get(random.nextInt(BooksWorkload.PRODUCTS));
            lines.putIfAbsent(product.id(), 1 + random.nextInt(3));
        }
        int points = random.nextInt(100);
        // none; a little; about what a user holds (some more than that: INSUFFICIENT_POINTS); more than any total
        pointsToUse = points < 60 ? 0 : points < 75 ? 1_000L * (1 + random.nextInt(10))
                : points < 95 ? 5_000L * (4 + random.nextInt(9)) : 200_000;
        if (random.nextInt(4) == 0) {
            couponId = workload.couponFor(userId, random);
            couponPolicy = random.nextBoolean() ? "REQUIRED" : "OPTIONAL";
        }
        int card = random.nextInt(100);
        this.card = card < 82 ? "tok_visa" : card < 90 ? "tok_declined" : card < 93 ? "tok_timeout" : "none";

        List<String> items = new ArrayList<>();
        lines.forEach((productId, quantity) -> items.add("{\"productId\":%d,\"quantity\":%d}".formatted(productId, quantity)));
        StringBuilder json = new StringBuilder("{\"userId\":").append(userId)
                .append(",\"items\":[").append(String.join(",", items)).append(']');
        if (pointsToUse > 0) {
            json.append(",\"pointsToUse\":").append(pointsToUse);
        }
        if (couponId != null) {
            json.append(",\"couponId\":").append(couponId).append(",\"couponPolicy\":\"").append(couponPolicy).append('"');
        }
        if (!"none".equals(this.card)) {
            json.append(",\"payment\":{\"method\":\"CARD\",\"cardToken\":\"").append(this.card).append("\"}");
        }
        return json.append('}').toString();
    }

    boolean repeated() {
        return sends.get() > 1;
    }

    /** Why this answer is not one the contract allows for this order, or null when it is. */
    String whatIsWrongWith(BooksWorkload.OrderCall call) {
        String code = call.code();
        if (call.status() == 201) {
            return wrongCompletion(call.answer());
        }
        if (call.status() == 409 && "REQUEST_IN_PROGRESS".equals(code)) {
            return repeated() ? null : "REQUEST_IN_PROGRESS for a key sent once";
        }
        if (call.orderId() == null) {
            return "a failed order's problem document must carry its orderId";
        }
        if (call.status() == 503 && "SERVICE_UNAVAILABLE".equals(code)) {
            // tok_timeout answers too late by design; any card may meet a late gateway or its open breaker on a busy
            // machine (the contract allows that). The catalog and user-app are up all along: a 503 naming them is a failure.
            return "tok_timeout".equals(card) || call.answer().path("service").asText().endsWith("/sandbox") ? null
                    : "503 naming a participant that is up";
        }
        if (call.status() != 409 || !BooksWorkload.ORDER_REFUSALS.contains(code)) {
            return "not an answer the contract gives an order";
        }
        return switch (code) {
            case "PAYMENT_DECLINED" -> "tok_declined".equals(card) ? null : "declined without tok_declined";
            case "PAYMENT_METHOD_REQUIRED" -> "none".equals(card) ? null : "a card was given";
            case "INSUFFICIENT_POINTS", "POINTS_EXCEED_TOTAL" -> pointsToUse > 0 ? null : "no points were asked for";
            case "COUPON_NOT_APPLICABLE" -> "REQUIRED".equals(couponPolicy) ? null : "the coupon was not REQUIRED";
            default -> null;
        };
    }

    private String wrongCompletion(JsonNode order) {
        if (!"COMPLETED".equals(order.path("status").asText())) {
            return "201 with status " + order.path("status").asText();
        }
        if (order.path("userId").asLong() != userId || !key.equals(order.path("requestId").asText())) {
            return "201 for another user or key";
        }
        if (order.path("pointsUsed").asLong() != pointsToUse) {
            return "pointsUsed is not pointsToUse";
        }
        long paid = order.path("paidAmount").asLong();
        if (paid > 0 && !"tok_visa".equals(card)) {
            return "completed with " + paid + " paid by " + card;
        }
        Map<Long, Integer> answered = new LinkedHashMap<>();
        order.path("items").forEach(i -> answered.put(i.path("productId").asLong(), i.path("quantity").asInt()));
        if (!answered.equals(lines)) {
            return "items " + answered + " are not the lines ordered " + lines;
        }
        if (couponId == null ? order.hasNonNull("coupon") : order.path("coupon").path("issuedCouponId").asLong() != couponId) {
            return "coupon in the answer is not the coupon asked for";
        }
        return null;
    }
}
