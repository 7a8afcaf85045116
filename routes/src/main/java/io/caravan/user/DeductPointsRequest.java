package io.caravan.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST /internal/points/deductions}: the order saga's point step, keyed by {@code orderId}. */
public record DeductPointsRequest(
        @NotNull @Pattern(regexp = OrderIds.UUID_PATTERN, message = "must be a UUID") String orderId,
        @NotNull @Positive Long userId,
        @NotNull @Positive Long amount) {

    /** The orderId as stored (PostgreSQL answers UUIDs in lower case). */
    public DeductPointsRequest {
        orderId = orderId == null ? null : orderId.toLowerCase();
    }
}
