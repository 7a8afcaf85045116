-- RESERVED -> CONFIRMED, only from RESERVED (a release racing it makes one of them update nothing).
-- Answers the confirmed lines in product-id order; none when the status was not RESERVED.
WITH confirmed AS (
    UPDATE stock_reservation SET status = 'CONFIRMED', updated_at = now()
    WHERE order_id = CAST(:#${exchangeProperty.orderId} AS uuid) AND status = 'RESERVED'
    RETURNING order_id
)
SELECT l.product_id, l.quantity
FROM stock_reservation_line l
JOIN confirmed c ON c.order_id = l.order_id
ORDER BY l.product_id
