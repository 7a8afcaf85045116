package io.caravan.catalog;

import java.util.Map;

/** A product as API.md shows it; {@code stock} is what can still be ordered (neither reserved nor sold). */
public record Product(long id, String name, String description, long price, long stock) {

    public static Product fromRow(Map<String, Object> row) {
        return new Product(
                ((Number) row.get("id")).longValue(),
                (String) row.get("name"),
                (String) row.get("description"),
                ((Number) row.get("price")).longValue(),
                ((Number) row.get("stock")).longValue());
    }
}
