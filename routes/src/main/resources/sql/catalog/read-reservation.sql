-- A reservation seen before: its status and lines (none for a tombstone), in product-id order.
SELECT r.status, l.product_id, l.quantity, l.unit_price
FROM stock_reservation r
LEFT JOIN stock_reservation_line l ON l.order_id = r.order_id
WHERE r.order_id = CAST(:#${exchangeProperty.orderId} AS uuid)
ORDER BY l.product_id
