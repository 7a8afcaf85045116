package io.caravan.order.coupon;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.caravan.common.problem.ProblemException;

/** Body of {@code POST /coupons}. {@code discountValue} is KRW for FIXED (1..100,000,000), percent for RATE (1..100). */
public record CreateCouponRequest(
        @NotNull @NotBlank @Size(min = 1, max = 100) String name,
        @NotNull DiscountType discountType,
        @NotNull @Min(1) @Max(100_000_000) Long discountValue,
        @NotNull @Min(1) @Max(10_000_000) Long totalQuantity,
        @Min(0) @Max(100_000_000_000L) Long minOrderAmount,
        @JsonDeserialize(using = IsoInstantDeserializer.class) Instant expiresAt) {

    public static final int MAX_RATE = 100;

    public CreateCouponRequest {
        name = name == null ? null : name.strip();
    }

    /** The rule Bean Validation cannot express per field: a RATE is a percentage. Call after validation. */
    public CreateCouponRequest checkRate() {
        if (discountType == DiscountType.RATE && discountValue > MAX_RATE) {
            throw ProblemException.validation("discountValue", "must be between 1 and " + MAX_RATE + " for a RATE coupon");
        }
        return this;
    }

    /** The named parameters of {@code insert-coupon.sql}. */
    public Map<String, Object> toRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("name", name);
        row.put("discountType", discountType.name());
        row.put("discountValue", discountValue);
        row.put("totalQuantity", totalQuantity);
        row.put("minOrderAmount", minOrderAmount == null ? 0L : minOrderAmount);
        row.put("expiresAt", expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC));
        return row;
    }
}
