package io.caravan.order.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of the sandbox gateway's {@code POST /sandbox/payments}. */
public record SandboxCharge(
        @NotNull @NotBlank @Size(max = 100) String orderId,
        @NotNull @Positive Long amount,
        @NotNull @NotBlank @Size(max = 200) String cardToken) {}
