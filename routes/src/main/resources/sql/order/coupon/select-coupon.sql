SELECT id, name, discount_type, discount_value, total_quantity, issued_quantity, min_order_amount, expires_at
FROM coupon
WHERE id = :#${exchangeProperty.couponId}
