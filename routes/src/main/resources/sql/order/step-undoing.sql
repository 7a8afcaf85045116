-- Whether a step of the order is still being undone (its participant could not be reached yet).
SELECT step FROM order_step
WHERE order_id = CAST(:#${exchangeProperty.orderId} AS uuid) AND state = 'UNDOING'
LIMIT 1
