package io.caravan.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.caravan.common.problem.ProblemException;

/** Body of {@code POST /internal/stock/reservations}: all lines of one order, reserved all or none. */
public record ReserveStockRequest(
        @NotNull @Pattern(regexp = OrderIds.PATTERN, message = "must be a UUID") String orderId,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Line> items) {

    public record Line(@NotNull @Min(1) Long productId, @NotNull @Min(1) @Max(1000) Integer quantity) {}

    /** Refuses repeated products (after Bean Validation) and answers the order id in canonical form. */
    public ReserveStockRequest checked() {
        if (new HashSet<>(items.stream().map(Line::productId).toList()).size() != items.size()) {
            throw ProblemException.validation("items", "productIds must be distinct");
        }
        return new ReserveStockRequest(UUID.fromString(orderId).toString(), items);
    }
}
