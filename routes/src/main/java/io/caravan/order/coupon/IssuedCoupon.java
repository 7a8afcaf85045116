package io.caravan.order.coupon;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.Exchange;

/** A coupon issued to a user, as {@code POST /coupons/{couponId}/issue} answers it. */
public record IssuedCoupon(long id, long couponId, long userId, String status, Instant issuedAt, Instant expiresAt) {

    /**
     * The issued coupon from the {@code issued_coupon} row inserted (exchange property
     * {@link CouponEndpoints#ISSUED_ROW}) and the {@code coupon} row taken (body, with {@code expires_at}).
     */
    @SuppressWarnings("unchecked")
    public static IssuedCoupon fromRows(Exchange exchange) {
        Map<String, Object> issued = exchange.getProperty(CouponEndpoints.ISSUED_ROW, Map.class);
        Map<String, Object> coupon = exchange.getMessage().getBody(Map.class);
        return new IssuedCoupon(
                Rows.longValue(issued, "id"),
                Rows.longValue(issued, "coupon_id"),
                Rows.longValue(issued, "user_id"),
                (String) issued.get("status"),
                Rows.instant(issued, "issued_at"),
                Rows.instant(coupon, "expires_at"));
    }
}
