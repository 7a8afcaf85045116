-- A user's coupons, newest first. EXPIRED is derived: still AVAILABLE but past the coupon's expiry.
SELECT ic.id, ic.coupon_id, ic.user_id,
       CASE WHEN ic.status = 'AVAILABLE' AND c.expires_at IS NOT NULL AND c.expires_at <= now()
            THEN 'EXPIRED' ELSE ic.status END AS status,
       ic.issued_at, c.expires_at, c.name, c.discount_type, c.discount_value, ic.order_id
FROM issued_coupon ic
JOIN coupon c ON c.id = ic.coupon_id
WHERE ic.user_id = :#${exchangeProperty.userId}
ORDER BY ic.id DESC
