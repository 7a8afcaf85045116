-- Step 1 of an issuance: the user's copy. Returns no row when the user already has this coupon (the unique
-- key; a racing twin waits here for the first one's transaction) or when there is no such coupon.
INSERT INTO issued_coupon (coupon_id, user_id)
SELECT id, :#${exchangeProperty.userId}
FROM coupon
WHERE id = :#${exchangeProperty.couponId}
ON CONFLICT (coupon_id, user_id) DO NOTHING
RETURNING id, coupon_id, user_id, status, issued_at
