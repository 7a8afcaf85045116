-- Claims the orderId for a deduction. No row when the orderId was seen before (deducted, refunded or
-- tombstoned); a concurrent refund or deduction for it waits here until this transaction ends.
INSERT INTO point_deduction (order_id, user_id, amount, status)
VALUES (CAST(:#${body.orderId} AS uuid), :#${body.userId}, :#${body.amount}, 'DEDUCTED')
ON CONFLICT (order_id) DO NOTHING
RETURNING order_id
