-- The participant refused this step outright: it did nothing, so its compensation has nothing to undo.
INSERT INTO order_step (order_id, step, state)
SELECT id, :#${exchangeProperty.caravanOrderFailure.refusedStep}, 'REFUSED'
FROM orders WHERE id = CAST(:#${exchangeProperty.order.orderId} AS uuid)
ON CONFLICT (order_id, step) DO NOTHING
