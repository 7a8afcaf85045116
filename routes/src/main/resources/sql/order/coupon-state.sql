-- Why a coupon did not apply: whose it is, its status, expiry and minimum (no row: no such issued coupon).
SELECT ic.user_id = :#${exchangeProperty.order.userId} AS owned, ic.status, c.expires_at, c.min_order_amount
FROM issued_coupon AS ic
JOIN coupon AS c ON c.id = ic.coupon_id
WHERE ic.id = :#${exchangeProperty.order.issuedCouponId}
