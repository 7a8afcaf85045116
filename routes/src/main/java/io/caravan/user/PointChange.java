package io.caravan.user;

/** One balance change as written to {@code point_history}: {@code amount} is always positive. */
public record PointChange(long userId, String type, long amount, long balanceAfter, String orderId) {

    public static final String CHARGE = "CHARGE";
    public static final String USE = "USE";
    public static final String REFUND = "REFUND";
}
