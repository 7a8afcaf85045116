-- The participant confirmed the undo of this step.
UPDATE order_step SET state = 'UNDONE', updated_at = now()
WHERE order_id = CAST(:#${exchangeProperty.orderId} AS uuid) AND step = :#${exchangeProperty.sagaStep}
