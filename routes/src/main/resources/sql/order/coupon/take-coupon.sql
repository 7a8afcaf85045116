-- Step 2 of an issuance, in the same transaction: take one from the stock, atomically. Returns no row when
-- every coupon is issued or the coupon has expired (the caller rolls step 1 back).
UPDATE coupon
SET issued_quantity = issued_quantity + 1
WHERE id = :#${exchangeProperty.couponId}
  AND issued_quantity < total_quantity
  AND (expires_at IS NULL OR expires_at > now())
RETURNING id, expires_at
