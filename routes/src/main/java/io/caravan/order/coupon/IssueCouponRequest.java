package io.caravan.order.coupon;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST /coupons/{couponId}/issue}. */
public record IssueCouponRequest(@NotNull @Positive Long userId) {}
