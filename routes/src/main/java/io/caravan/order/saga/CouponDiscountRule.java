package io.caravan.order.saga;

/**
 * The coupon discount of API.md: FIXED = the value; RATE = floor(totalAmount x value / 100); capped at
 * {@code totalAmount - pointsUsed} (never negative).
 *
 * <p>Stand-in with the same semantics as {@code io.caravan.order.coupon.CouponDiscount.discount(..)}, which the
 * coupons work adds on another branch; once both are merged this class should delegate to (or be replaced by) it.
 */
final class CouponDiscountRule {

    private CouponDiscountRule() {}

    static long discount(String type, long value, long totalAmount, long pointsUsed) {
        long raw = switch (type) {
            case "FIXED" -> value;
            case "RATE" -> Math.multiplyExact(totalAmount, value) / 100;
            default -> throw new IllegalArgumentException("Unknown discount type " + type);
        };
        long cap = Math.max(0, totalAmount - pointsUsed);
        return Math.max(0, Math.min(raw, cap));
    }
}
