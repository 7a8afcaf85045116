package io.caravan.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /products/popular}: the rows come ordered (most sold first, ties by lower id); rank counts from 1. */
public record PopularProducts(List<Item> items) {

    public record Item(int rank, long productId, String name, long price, long soldQuantity) {}

    public static PopularProducts of(List<Map<String, Object>> rows) {
        List<Item> items = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            items.add(new Item(items.size() + 1,
                    ((Number) row.get("product_id")).longValue(),
                    (String) row.get("name"),
                    ((Number) row.get("price")).longValue(),
                    ((Number) row.get("sold_quantity")).longValue()));
        }
        return new PopularProducts(items);
    }
}
