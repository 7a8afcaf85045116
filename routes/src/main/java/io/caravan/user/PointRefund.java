package io.caravan.user;

/** The answer of a refund: the points given back ({@code 0} for a tombstone) and the deduction's final state. */
public record PointRefund(String orderId, long refunded, String status) {

    public static final String REFUNDED = "REFUNDED";
    public static final String TOMBSTONE = "TOMBSTONE";
}
