-- The order's lines in one statement, in request order (prices come with the reservation).
INSERT INTO order_item (order_id, line_no, product_id, quantity)
SELECT CAST(:#${exchangeProperty.order.orderId} AS uuid), line.no, (line.item ->> 'productId')::bigint, (line.item ->> 'quantity')::int
FROM jsonb_array_elements(CAST(:#${exchangeProperty.order.linesJson} AS jsonb)) WITH ORDINALITY AS line (item, no)
