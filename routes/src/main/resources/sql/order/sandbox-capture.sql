-- SANDBOX gateway: records a capture for an order never seen; no row when the order already has one (or a void).
INSERT INTO sandbox_payment (order_id, payment_id, amount, card_token, status)
VALUES (:#${exchangeProperty.sandboxCharge.orderId}, gen_random_uuid(), :#${exchangeProperty.sandboxCharge.amount},
        :#${exchangeProperty.sandboxCharge.cardToken}, 'CAPTURED')
ON CONFLICT (order_id) DO NOTHING
RETURNING order_id, payment_id, amount, status
