-- SANDBOX gateway: voids an order's payment; when none was captured, leaves a VOIDED tombstone.
INSERT INTO sandbox_payment (order_id, payment_id, status)
VALUES (:#${exchangeProperty.orderId}, gen_random_uuid(), 'VOIDED')
ON CONFLICT (order_id) DO UPDATE SET status = 'VOIDED', updated_at = now()
RETURNING order_id, payment_id, amount, status
