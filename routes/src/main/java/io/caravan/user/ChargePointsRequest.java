package io.caravan.user;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /users/{userId}/points/charge}; {@code requestId} makes a repeated charge apply once. */
public record ChargePointsRequest(
        @NotNull @Min(1) @Max(1_000_000) Long amount,
        @Size(min = 1, max = 100) @Pattern(regexp = "^.*\\S.*$", message = "must not be blank") String requestId) {}
