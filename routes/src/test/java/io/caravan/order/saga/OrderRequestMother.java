package io.caravan.order.saga;

/** Request bodies for POST /orders: one good order, and the variations the tests need. */
final class OrderRequestMother {

    static final long TOTAL = 10_000;
    static final long POINTS = 3_000;
    static final long FIXED_DISCOUNT = 1_000;

    private OrderRequestMother() {}

    /** Two of product 10 (catalog total 10,000), 3,000 points, issued coupon 7 (FIXED 1,000), the rest by card. */
    static String fullOrder() {
        return order("REQUIRED", "tok_visa");
    }

    static String order(String couponPolicy, String cardToken) {
        return "{\"userId\":1,\"items\":[{\"productId\":10,\"quantity\":2}],\"pointsToUse\":" + POINTS + ","
                + "\"couponId\":7,\"couponPolicy\":\"" + couponPolicy + "\","
                + "\"payment\":{\"method\":\"CARD\",\"cardToken\":\"" + cardToken + "\"}}";
    }

    static String withPoints(long points) {
        return fullOrder().replace("\"pointsToUse\":" + POINTS, "\"pointsToUse\":" + points);
    }

    static String withoutPayment() {
        return "{\"userId\":1,\"items\":[{\"productId\":10,\"quantity\":2}],\"pointsToUse\":" + POINTS + ",\"couponId\":7}";
    }
}
