-- Uses the coupon for this order in one conditional UPDATE: only the user's own, AVAILABLE, not expired, and when
-- the total reaches its minimum. No row when it does not apply (then coupon-state.sql tells why).
UPDATE issued_coupon AS ic
SET status = 'USED', order_id = CAST(:#${exchangeProperty.order.orderId} AS uuid), used_at = now()
FROM coupon AS c
WHERE ic.id = :#${exchangeProperty.order.issuedCouponId}
  AND ic.user_id = :#${exchangeProperty.order.userId}
  AND ic.status = 'AVAILABLE'
  AND c.id = ic.coupon_id
  AND (c.expires_at IS NULL OR c.expires_at > now())
  AND c.min_order_amount <= :#${exchangeProperty.order.totalAmount}
RETURNING c.id AS coupon_id, c.discount_type, c.discount_value
