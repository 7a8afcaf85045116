package io.caravan.order.saga;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/** Why a coupon did not apply to an order, from its row in {@code sql/order/coupon-state.sql} (null: no such coupon). */
final class CouponRefusal {

    private CouponRefusal() {}

    static String reason(Map<String, Object> state) {
        if (state == null || !Boolean.TRUE.equals(state.get("owned"))) {
            return "COUPON_NOT_FOUND";
        }
        if (!"AVAILABLE".equals(state.get("status"))) {
            return "COUPON_ALREADY_USED";
        }
        Object expiresAt = state.get("expires_at");
        if (expiresAt instanceof Timestamp expiry && !expiry.toInstant().isAfter(Instant.now())) {
            return "COUPON_EXPIRED";
        }
        return "BELOW_MIN_ORDER_AMOUNT";
    }
}
