package io.caravan.order.coupon;

/** How a coupon's {@code discountValue} reads: KRW off ({@code FIXED}) or percent of the total ({@code RATE}). */
public enum DiscountType {
    FIXED,
    RATE
}
