-- The one transition DEDUCTED -> REFUNDED; of concurrent refunds exactly one gets the row.
UPDATE point_deduction
SET status = 'REFUNDED', refunded_at = now()
WHERE order_id = CAST(:#orderId AS uuid)
  AND status = 'DEDUCTED'
RETURNING user_id, amount
