package io.caravan.catalog;

import java.util.List;
import java.util.Map;

/** {@code GET /products}: one page of products by id, with the total count. */
public record ProductPage(List<Product> items, int page, int size, long total) {

    public static ProductPage of(List<Map<String, Object>> rows, int page, int size, Number total) {
        return new ProductPage(rows.stream().map(Product::fromRow).toList(), page, size, total.longValue());
    }
}
