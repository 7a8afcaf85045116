-- The last compensation: FAILED once no step is left UNDOING (else the order stays COMPENSATING). An order undone
-- before any failure was recorded (its saga timed out, or order-app stopped mid-saga and recovery undid it)
-- fails as SERVICE_UNAVAILABLE: to its client the service was unavailable, and nothing of it was kept.
UPDATE orders
SET status = 'FAILED',
    failure_status = COALESCE(failure_status, 503),
    failure_code = COALESCE(failure_code, 'SERVICE_UNAVAILABLE'),
    failure_detail = COALESCE(failure_detail, 'The order was interrupted or did not finish in time, and was undone'),
    updated_at = now()
WHERE id = CAST(:#${exchangeProperty.orderId} AS uuid)
  AND status IN ('PENDING', 'COMPENSATING')
  AND NOT EXISTS (SELECT 1 FROM order_step s WHERE s.order_id = orders.id AND s.state = 'UNDOING')
RETURNING id, user_id, request_id
