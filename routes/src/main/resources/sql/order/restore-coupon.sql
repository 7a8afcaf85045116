-- Compensation of the coupon step: back to AVAILABLE, only where this order used it.
UPDATE issued_coupon
SET status = 'AVAILABLE', order_id = NULL, used_at = NULL
WHERE id = :#${exchangeProperty.issuedCouponId}
  AND order_id = CAST(:#${exchangeProperty.orderId} AS uuid)
  AND status = 'USED'
