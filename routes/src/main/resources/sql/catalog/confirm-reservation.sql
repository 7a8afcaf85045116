-- RESERVED -> CONFIRMED, only from RESERVED (a release racing it makes one of them update nothing), and each
-- line's units move from reserved to sold, in one statement that runs on its own (auto-commit): the product rows
-- stay locked only while PostgreSQL runs it and commits, never while the app works between statements. Product
-- rows are locked in product-id order first, as a reservation locks them, so confirmations and reservations
-- crossing the same products cannot deadlock; the UPDATE then only touches rows this statement already holds.
-- Answers the reservation's status after the statement (null when the order was never seen); the data-modifying
-- CTEs run to completion although the answer does not read them. The status is read FOR SHARE: when a release won
-- the race, that gives its committed RELEASED, where the statement's snapshot would still show RESERVED.
WITH confirmed AS (
    UPDATE stock_reservation SET status = 'CONFIRMED', updated_at = now()
    WHERE order_id = CAST(:#${exchangeProperty.orderId} AS uuid) AND status = 'RESERVED'
    RETURNING order_id
), lines AS (
    SELECT l.product_id, l.quantity
    FROM stock_reservation_line l
    JOIN confirmed c ON c.order_id = l.order_id
), locked AS MATERIALIZED (
    SELECT p.id FROM product p
    WHERE p.id IN (SELECT product_id FROM lines)
    ORDER BY p.id
    FOR NO KEY UPDATE
), sold AS (
    UPDATE product p SET reserved = p.reserved - l.quantity, sold = p.sold + l.quantity
    FROM lines l
    WHERE p.id = l.product_id AND p.id IN (SELECT id FROM locked)
    RETURNING p.id
)
SELECT CASE WHEN EXISTS (SELECT 1 FROM confirmed) THEN 'CONFIRMED'
            ELSE (SELECT status FROM stock_reservation WHERE order_id = CAST(:#${exchangeProperty.orderId} AS uuid) FOR SHARE)
       END AS status
