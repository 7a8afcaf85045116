package io.caravan.order.coupon;

/**
 * The discount a coupon gives an order (API.md "Orders"): FIXED = {@code discountValue}; RATE =
 * ⌊totalAmount × discountValue / 100⌋; capped at what is left after points, {@code totalAmount − pointsUsed},
 * and never negative. Whether the coupon applies at all (owner, status, expiry, minOrderAmount) is decided
 * before this is called.
 */
public final class CouponDiscount {

    private CouponDiscount() {}

    public static long discount(String discountType, long discountValue, long totalAmount, long pointsUsed) {
        if (discountValue < 0 || totalAmount < 0 || pointsUsed < 0) {
            throw new IllegalArgumentException("amounts must not be negative");
        }
        long raw = switch (DiscountType.valueOf(discountType)) {
            case FIXED -> discountValue;
            case RATE -> Math.multiplyExact(totalAmount, discountValue) / 100;
        };
        long left = Math.max(0, totalAmount - pointsUsed);
        return Math.min(raw, left);
    }
}
