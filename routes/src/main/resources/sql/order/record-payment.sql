-- The captured card payment of a completed order.
INSERT INTO payment (order_id, payment_id, amount, status)
VALUES (CAST(:#${exchangeProperty.order.orderId} AS uuid), :#${exchangeProperty.order.paymentId},
        :#${exchangeProperty.order.amountToPay}, 'CAPTURED')
ON CONFLICT (order_id) DO NOTHING
