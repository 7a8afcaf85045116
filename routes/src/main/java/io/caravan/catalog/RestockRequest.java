package io.caravan.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /products/{productId}/stock}: units to add to the available stock. */
public record RestockRequest(@NotNull @Min(1) @Max(ProductLimits.MAX_RESTOCK) Long quantity) {}
