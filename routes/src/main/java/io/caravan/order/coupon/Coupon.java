package io.caravan.order.coupon;

import java.time.Instant;
import java.util.Map;

/** A coupon as API.md shows it. */
public record Coupon(
        long id,
        String name,
        String discountType,
        long discountValue,
        long totalQuantity,
        long issuedQuantity,
        long minOrderAmount,
        Instant expiresAt) {

    public static Coupon fromRow(Map<String, Object> row) {
        return new Coupon(
                Rows.longValue(row, "id"),
                (String) row.get("name"),
                (String) row.get("discount_type"),
                Rows.longValue(row, "discount_value"),
                Rows.longValue(row, "total_quantity"),
                Rows.longValue(row, "issued_quantity"),
                Rows.longValue(row, "min_order_amount"),
                Rows.instant(row, "expires_at"));
    }
}
