-- Counts a completed order once, in one statement on its own (auto-commit): claims its CONFIRMED reservation
-- (sales_counted_at still empty), marks the event processed by this consumer (EventConsumers.markProcessed's marker,
-- under SalesRoutes' consumer name) and adds its lines to the day's sales in product-id order. The claim decides:
-- the marker and the sales go in only with it, so an event for a reservation not confirmed yet leaves nothing behind
-- and is counted when it is delivered again. Updates no row when the reservation is unknown, not confirmed, or
-- already counted (the route then tells which).
WITH claimed AS (
    UPDATE stock_reservation SET sales_counted_at = now()
    WHERE order_id = CAST(:#${header.orderId} AS uuid) AND status = 'CONFIRMED' AND sales_counted_at IS NULL
    RETURNING order_id
), marked AS (
    INSERT INTO processed_event (consumer, event_id)
    SELECT 'catalog-sales', :#${header.caravanEventId} FROM claimed
    ON CONFLICT DO NOTHING
)
INSERT INTO product_daily_sales (product_id, day, quantity)
SELECT l.product_id, CAST(:#${header.salesDay} AS date), l.quantity
FROM stock_reservation_line l
JOIN claimed c ON c.order_id = l.order_id
ORDER BY l.product_id
ON CONFLICT (product_id, day) DO UPDATE SET quantity = product_daily_sales.quantity + EXCLUDED.quantity
