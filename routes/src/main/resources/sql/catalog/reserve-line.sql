-- One line of a reservation, run in product-id order inside the reservation's transaction. The conditional
-- update takes the units only if enough are available (never below zero, whatever runs at the same time)
-- and the line is stored with the catalog price of that moment. One row when the product exists, telling
-- whether the units were taken; no row when it does not exist.
WITH taken AS (
    UPDATE product
    SET stock = stock - :#${body.quantity}, reserved = reserved + :#${body.quantity}
    WHERE id = :#${body.productId} AND stock >= :#${body.quantity}
    RETURNING id, price
), line AS (
    INSERT INTO stock_reservation_line (order_id, product_id, quantity, unit_price)
    SELECT CAST(:#${exchangeProperty.orderId} AS uuid), id, :#${body.quantity}, price FROM taken
    RETURNING product_id, unit_price
)
SELECT p.id AS product_id, line.unit_price, line.product_id IS NOT NULL AS reserved
FROM product p
LEFT JOIN line ON line.product_id = p.id
WHERE p.id = :#${body.productId}
