package io.caravan.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.caravan.common.problem.ProblemException;

/**
 * Body of {@code PATCH /products/{productId}}: any of name, price, description, validated like a creation.
 * An absent (or null) member is left as it is. Stock is changed only by restocking and by orders.
 */
public record UpdateProductRequest(
        @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        @Min(0) @Max(ProductLimits.MAX_PRICE) Long price,
        @Size(max = ProductLimits.MAX_DESCRIPTION) String description,
        @Null(message = "cannot be patched: restock with POST /products/{productId}/stock") Object stock) {

    public UpdateProductRequest {
        name = name == null ? null : name.strip();
    }

    /** Refuses a patch that changes nothing (after Bean Validation has passed). */
    public UpdateProductRequest requireAChange() {
        if (name == null && price == null && description == null) {
            throw ProblemException.validation("body", "at least one of name, price, description is required");
        }
        return this;
    }
}
