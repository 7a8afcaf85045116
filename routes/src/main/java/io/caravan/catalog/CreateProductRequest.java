package io.caravan.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /products}. */
public record CreateProductRequest(
        @NotNull @NotBlank @Size(min = 1, max = 200) String name,
        @NotNull @Min(0) @Max(ProductLimits.MAX_PRICE) Long price,
        @NotNull @Min(0) @Max(ProductLimits.MAX_INITIAL_STOCK) Long stock,
        @Size(max = ProductLimits.MAX_DESCRIPTION) String description) {

    public CreateProductRequest {
        name = name == null ? null : name.strip();
    }
}
