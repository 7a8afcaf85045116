-- A new reservation with every one of its lines and its StockReserved events, in one statement, inside the
-- reservation's transaction. The reservation row comes first: for an order it holds already (a repeated request, a
-- tombstone, or a concurrent twin that committed first) the insert does nothing, and then neither does the rest: no
-- line is taken, no event written, no row answered.
-- The products are locked in product-id order first, as a confirmation locks them, so reservations and
-- confirmations crossing the same products cannot deadlock. Then each line's conditional update takes its units
-- only if enough are available (never below zero, whatever runs at the same time: a row changed since the
-- statement's snapshot is checked again in its latest version) and the line is stored with the catalog price of
-- that moment. The events, prepared by the app for every requested product (Outbox.prepareRows), go in with the
-- reservation.
-- One row per requested line, in product-id order: whether the product exists and whether its units were taken.
-- When any line was not taken the route refuses the reservation and the transaction rolls back the others and
-- the events. All or nothing is left to that rollback, not decided from what "locked" read: in READ COMMITTED an
-- UPDATE checks its WHERE first on the row version of the statement's snapshot and re-checks the latest version
-- only for a row that passed, while a locking read answers the latest version. A restock committed after the
-- snapshot makes the read answer units that the update does not take (shown in psql: stock 0, a concurrent +5,
-- the read answers 5, the update takes nothing). Such a line is refused as of the statement's start, as if the
-- order came before the restock; StockConcurrencyTest races two-line orders against restocks.
-- Products are found with "= ANY (ARRAY(...))" rather than "IN (SELECT ...)": PostgreSQL estimates a JSON array at
-- 100 elements whatever its length, and with IN it scanned the whole product table, twice (EXPLAIN at 1,002
-- products: two sequential scans; with ANY, two primary-key lookups). The array is computed before the UPDATE
-- reads any row, so every lock is taken, in product-id order, before any line's units are taken.
WITH reservation AS (
    INSERT INTO stock_reservation (order_id, status)
    VALUES (CAST(:#${exchangeProperty.orderId} AS uuid), 'RESERVED')
    ON CONFLICT DO NOTHING
    RETURNING order_id
), requested AS (
    SELECT (line ->> 'productId')::bigint AS product_id, (line ->> 'quantity')::int AS quantity
    FROM reservation, jsonb_array_elements(CAST(:#${exchangeProperty.reservationLines} AS jsonb)) AS line
), locked AS MATERIALIZED (
    SELECT p.id FROM product p
    WHERE p.id = ANY (ARRAY(SELECT product_id FROM requested))
    ORDER BY p.id
    FOR NO KEY UPDATE
), taken AS (
    UPDATE product p SET stock = p.stock - r.quantity, reserved = p.reserved + r.quantity
    FROM requested r
    WHERE p.id = ANY (ARRAY(SELECT id FROM locked)) AND p.id = r.product_id AND p.stock >= r.quantity
    RETURNING p.id, p.price, r.quantity
), line AS (
    INSERT INTO stock_reservation_line (order_id, product_id, quantity, unit_price)
    SELECT reservation.order_id, taken.id, taken.quantity, taken.price FROM reservation, taken
    RETURNING product_id, unit_price
), events AS (
    INSERT INTO outbox (event_id, topic, message_key, event_type, payload)
    SELECT CAST(e ->> 'eventId' AS uuid), e ->> 'topic', e ->> 'key', e ->> 'eventType', e -> 'payload'
    FROM jsonb_array_elements(CAST(:#${exchangeProperty.caravanOutboxRows} AS jsonb)) WITH ORDINALITY AS t(e, n)
    WHERE EXISTS (SELECT 1 FROM reservation)
    ORDER BY n
)
SELECT r.product_id, r.quantity, locked.id IS NOT NULL AS product_exists, line.unit_price,
       line.product_id IS NOT NULL AS reserved
FROM requested r
LEFT JOIN locked ON locked.id = r.product_id
LEFT JOIN line ON line.product_id = r.product_id
ORDER BY r.product_id
