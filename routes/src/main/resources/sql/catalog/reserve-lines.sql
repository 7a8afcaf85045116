-- A new reservation with every one of its lines and its StockReserved events, all or nothing, in one statement
-- that runs on its own (auto-commit): a product's row is locked only while PostgreSQL runs the statement and
-- commits it, never while the app works between statements. On a hot product that lock is what every order waits
-- for, twice (here and in confirm-reservation.sql).
-- The products are locked in product-id order first, as a confirmation locks them, so reservations and
-- confirmations crossing the same products cannot deadlock. A locking read answers each row's latest version
-- (whatever committed since the statement's snapshot), and nobody else can change a locked row until this
-- statement commits: so whether every line can be taken is decided on the stock the update will see. Only then is
-- the reservation row inserted. For an order the catalog holds already (a repeated request, a tombstone, or a
-- concurrent twin that committed first) the insert does nothing, and then neither does the rest: no line is taken
-- and no event written. Each line is stored with the catalog price of that moment; the events, prepared by the
-- app for every requested product (Outbox.prepareRows), are inserted as Outbox.WRITE inserts them.
-- One row per requested line, in product-id order: whether the product exists, whether it had the units, and
-- whether this statement took them. When none was taken the route reads what the catalog holds for the order.
-- Products are found with "= ANY (ARRAY(...))" rather than "IN (SELECT ...)": PostgreSQL estimates a JSON array at
-- 100 elements whatever its length, and with IN it scanned the whole product table, twice (EXPLAIN at 1,002
-- products: two sequential scans; with ANY, two primary-key lookups).
WITH requested AS (
    SELECT (line ->> 'productId')::bigint AS product_id, (line ->> 'quantity')::int AS quantity
    FROM jsonb_array_elements(CAST(:#${exchangeProperty.reservationLines} AS jsonb)) AS line
), locked AS MATERIALIZED (
    SELECT p.id, p.stock FROM product p
    WHERE p.id = ANY (ARRAY(SELECT product_id FROM requested))
    ORDER BY p.id
    FOR NO KEY UPDATE
), verdict AS MATERIALIZED (
    SELECT bool_and(COALESCE(locked.stock >= r.quantity, false)) AS every_line
    FROM requested r LEFT JOIN locked ON locked.id = r.product_id
), reservation AS (
    INSERT INTO stock_reservation (order_id, status)
    SELECT CAST(:#${exchangeProperty.orderId} AS uuid), 'RESERVED' FROM verdict WHERE every_line
    ON CONFLICT DO NOTHING
    RETURNING order_id
), taken AS (
    UPDATE product p SET stock = p.stock - r.quantity, reserved = p.reserved + r.quantity
    FROM requested r, reservation
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
SELECT r.product_id, r.quantity, locked.id IS NOT NULL AS product_exists,
       COALESCE(locked.stock >= r.quantity, false) AS enough, line.unit_price, line.product_id IS NOT NULL AS reserved
FROM requested r
LEFT JOIN locked ON locked.id = r.product_id
LEFT JOIN line ON line.product_id = r.product_id
ORDER BY r.product_id
