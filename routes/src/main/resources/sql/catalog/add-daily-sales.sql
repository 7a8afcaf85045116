-- Counts a completed order once: claims its CONFIRMED reservation (sales_counted_at still empty) and adds its
-- lines to the day's sales in product-id order. Updates no row when the reservation is unknown, not
-- confirmed, or already counted (the route then tells which).
WITH claimed AS (
    UPDATE stock_reservation SET sales_counted_at = now()
    WHERE order_id = CAST(:#${header.orderId} AS uuid) AND status = 'CONFIRMED' AND sales_counted_at IS NULL
    RETURNING order_id
)
INSERT INTO product_daily_sales (product_id, day, quantity)
SELECT l.product_id, CAST(:#${header.salesDay} AS date), l.quantity
FROM stock_reservation_line l
JOIN claimed c ON c.order_id = l.order_id
ORDER BY l.product_id
ON CONFLICT (product_id, day) DO UPDATE SET quantity = product_daily_sales.quantity + EXCLUDED.quantity
