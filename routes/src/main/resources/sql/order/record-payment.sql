-- The gateway captured the order's card payment: recorded at once, so recovery knows the order was paid.
INSERT INTO payment (order_id, payment_id, amount, status)
VALUES (CAST(:#${exchangeProperty.order.orderId} AS uuid), :#${exchangeProperty.order.paymentId},
        :#${exchangeProperty.order.amountToPay}, 'CAPTURED')
ON CONFLICT (order_id) DO NOTHING
