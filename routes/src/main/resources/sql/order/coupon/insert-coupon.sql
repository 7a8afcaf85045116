-- A new coupon, nothing issued yet; the body is CreateCouponRequest.toRow().
INSERT INTO coupon (name, discount_type, discount_value, total_quantity, min_order_amount, expires_at)
VALUES (:#name, :#discountType, :#discountValue, :#totalQuantity, :#minOrderAmount, CAST(:#expiresAt AS timestamptz))
RETURNING id, name, discount_type, discount_value, total_quantity, issued_quantity, min_order_amount, expires_at
