package io.caravan.order.coupon;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code GET /users/{userId}/coupons}: the issued coupon with its coupon's terms. {@code status} is
 * {@code AVAILABLE}, {@code USED} or {@code EXPIRED} (derived in SQL: available but past the coupon's expiry).
 */
public record UserCoupon(
        long id,
        long couponId,
        long userId,
        String status,
        Instant issuedAt,
        Instant expiresAt,
        String name,
        String discountType,
        long discountValue,
        String orderId) {

    public static UserCoupon fromRow(Map<String, Object> row) {
        Object orderId = row.get("order_id");
        return new UserCoupon(
                Rows.longValue(row, "id"),
                Rows.longValue(row, "coupon_id"),
                Rows.longValue(row, "user_id"),
                (String) row.get("status"),
                Rows.instant(row, "issued_at"),
                Rows.instant(row, "expires_at"),
                (String) row.get("name"),
                (String) row.get("discount_type"),
                Rows.longValue(row, "discount_value"),
                orderId == null ? null : orderId.toString());
    }

    /** The body of {@code GET /users/{userId}/coupons}. */
    public record Items(List<UserCoupon> items) {

        public static Items fromRows(List<Map<String, Object>> rows) {
            return new Items(rows.stream().map(UserCoupon::fromRow).toList());
        }
    }
}
