-- A compensation claims the undoing of its step: one row unless the step was REFUSED or is already UNDONE.
-- A claim left UNDOING (the participant could not be reached) is claimed again by the next attempt.
INSERT INTO order_step (order_id, step, state)
VALUES (CAST(:#${exchangeProperty.orderId} AS uuid), :#${exchangeProperty.sagaStep}, 'UNDOING')
ON CONFLICT (order_id, step) DO UPDATE SET updated_at = now() WHERE order_step.state = 'UNDOING'
