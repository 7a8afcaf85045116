-- A new PENDING order with its lines, in request order (prices come with the reservation), and its OrderCreated
-- event, in one statement that runs on its own (auto-commit). A request id already taken by a concurrent twin
-- inserts nothing, no order, no line and no event, and returns no row. The event, prepared by the app
-- (Outbox.prepareRows), is inserted as Outbox.WRITE inserts events.
WITH created AS (
    INSERT INTO orders (id, user_id, status, issued_coupon_id, coupon_policy, request_id, request_hash)
    VALUES (CAST(:#${exchangeProperty.order.orderId} AS uuid), :#${exchangeProperty.order.userId}, 'PENDING',
            :#${exchangeProperty.order.issuedCouponId}, :#${exchangeProperty.order.couponPolicy},
            :#${exchangeProperty.order.requestId}, :#${exchangeProperty.order.requestHash})
    ON CONFLICT (request_id) DO NOTHING
    RETURNING id
), lines AS (
    INSERT INTO order_item (order_id, line_no, product_id, quantity)
    SELECT created.id, line.no, (line.item ->> 'productId')::bigint, (line.item ->> 'quantity')::int
    FROM created,
         jsonb_array_elements(CAST(:#${exchangeProperty.order.linesJson} AS jsonb)) WITH ORDINALITY AS line (item, no)
), events AS (
    INSERT INTO outbox (event_id, topic, message_key, event_type, payload)
    SELECT CAST(e ->> 'eventId' AS uuid), e ->> 'topic', e ->> 'key', e ->> 'eventType', e -> 'payload'
    FROM jsonb_array_elements(CAST(:#${exchangeProperty.caravanOutboxRows} AS jsonb)) WITH ORDINALITY AS t(e, n)
    WHERE EXISTS (SELECT 1 FROM created)
    ORDER BY n
)
SELECT id FROM created
