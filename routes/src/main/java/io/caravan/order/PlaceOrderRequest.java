package io.caravan.order;

import java.util.List;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /orders} (API.md "Orders"); absent {@code pointsToUse} is 0 and absent {@code couponPolicy} REQUIRED. */
public record PlaceOrderRequest(
        @NotNull @Positive Long userId,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Line> items,
        @PositiveOrZero Long pointsToUse,
        @Positive Long couponId,
        CouponPolicy couponPolicy,
        @Valid Payment payment,
        @Size(min = 1, max = 200) String requestId) {

    public PlaceOrderRequest {
        pointsToUse = pointsToUse == null ? Long.valueOf(0) : pointsToUse;
        couponPolicy = couponPolicy == null ? CouponPolicy.REQUIRED : couponPolicy;
    }

    /** The same request without its idempotency key: what a repeated key must match. */
    public PlaceOrderRequest withoutRequestId() {
        return new PlaceOrderRequest(userId, items, pointsToUse, couponId, couponPolicy, payment, null);
    }

    public record Line(@NotNull @Positive Long productId, @NotNull @Min(1) @Max(1000) Integer quantity) {}

    public record Payment(@NotNull Method method, @NotNull @NotBlank @Size(max = 200) String cardToken) {}

    public enum Method { CARD }

    public enum CouponPolicy { REQUIRED, OPTIONAL }
}
