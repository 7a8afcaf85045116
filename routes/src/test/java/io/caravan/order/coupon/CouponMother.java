package io.caravan.order.coupon;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Rows and bodies of coupons for route tests, as camel-sql and clients would hand them over. */
final class CouponMother {

    static final Instant ISSUED_AT = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant EXPIRES_AT = Instant.parse("2027-01-01T00:00:00Z");

    private CouponMother() {}

    static String fixedCouponJson() {
        return "{\"name\":\"Welcome\",\"discountType\":\"FIXED\",\"discountValue\":3000,\"totalQuantity\":100}";
    }

    static Map<String, Object> couponRow(long id) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", "Welcome");
        row.put("discount_type", "FIXED");
        row.put("discount_value", 3000L);
        row.put("total_quantity", 100L);
        row.put("issued_quantity", 0L);
        row.put("min_order_amount", 0L);
        row.put("expires_at", Timestamp.from(EXPIRES_AT));
        return row;
    }

    static Map<String, Object> issuedRow(long id, long couponId, long userId) {
        return Map.of("id", id, "coupon_id", couponId, "user_id", userId, "status", "AVAILABLE",
                "issued_at", Timestamp.from(ISSUED_AT));
    }

    static Map<String, Object> takenRow(long couponId) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", couponId);
        row.put("expires_at", Timestamp.from(EXPIRES_AT));
        return row;
    }

    static Map<String, Object> stateRow(boolean expired, long issued, long total) {
        return Map.of("expired", expired, "issued_quantity", issued, "total_quantity", total);
    }
}
