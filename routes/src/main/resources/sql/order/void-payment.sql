-- The gateway voided the order's payment (or left a tombstone when nothing was captured).
INSERT INTO payment (order_id, amount, status)
VALUES (CAST(:#${exchangeProperty.orderId} AS uuid), :#${exchangeProperty.amount}, 'VOIDED')
ON CONFLICT (order_id) DO UPDATE SET status = 'VOIDED', updated_at = now()
