-- RESERVED -> RELEASED, only from RESERVED (a confirmation racing it makes one of them update nothing).
-- Answers the released lines in product-id order; none when the status was not RESERVED.
WITH released AS (
    UPDATE stock_reservation SET status = 'RELEASED', updated_at = now()
    WHERE order_id = CAST(:#${exchangeProperty.orderId} AS uuid) AND status = 'RESERVED'
    RETURNING order_id
)
SELECT l.product_id, l.quantity
FROM stock_reservation_line l
JOIN released r ON r.order_id = l.order_id
ORDER BY l.product_id
