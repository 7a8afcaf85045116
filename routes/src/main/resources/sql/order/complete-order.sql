-- The saga's completion: COMPLETED with the amounts of its outcome, every line with the catalog's price at
-- reservation time, and the order's events (OrderCompleted, CouponUsed, PaymentCompleted: prepared by the app,
-- Outbox.prepareRows, and inserted as Outbox.WRITE inserts events), in one statement that runs on its own
-- (auto-commit). No row (and no line or event written) when the order was completed already (a completion may
-- run more than once). COMPENSATING is completed too: a step failed only after recovery had decided to finish the
-- saga (its payment was captured).
WITH completed AS (
    UPDATE orders
    SET status = 'COMPLETED',
        total_amount = :#${exchangeProperty.outcome.totalAmount},
        points_used = :#${exchangeProperty.outcome.pointsUsed},
        discount_amount = :#${exchangeProperty.outcome.discountAmount},
        paid_amount = :#${exchangeProperty.outcome.paidAmount},
        coupon_applied = :#${exchangeProperty.outcome.couponApplied},
        coupon_skipped_reason = :#${exchangeProperty.outcome.couponSkippedReason},
        failure_status = NULL,
        failure_code = NULL,
        failure_detail = NULL,
        completed_at = now(),
        updated_at = now()
    WHERE id = CAST(:#${exchangeProperty.outcome.orderId} AS uuid) AND status IN ('PENDING', 'COMPENSATING')
    RETURNING id
), lines AS (
    UPDATE order_item AS i
    SET unit_price = (priced.line ->> 'unitPrice')::bigint,
        line_amount = (priced.line ->> 'lineAmount')::bigint
    FROM completed, jsonb_array_elements(CAST(:#${exchangeProperty.outcome.pricedLinesJson} AS jsonb)) AS priced (line)
    WHERE i.order_id = completed.id
      AND i.product_id = (priced.line ->> 'productId')::bigint
), events AS (
    INSERT INTO outbox (event_id, topic, message_key, event_type, payload)
    SELECT CAST(e ->> 'eventId' AS uuid), e ->> 'topic', e ->> 'key', e ->> 'eventType', e -> 'payload'
    FROM jsonb_array_elements(CAST(:#${exchangeProperty.caravanOutboxRows} AS jsonb)) WITH ORDINALITY AS t(e, n)
    WHERE EXISTS (SELECT 1 FROM completed)
    ORDER BY n
)
SELECT id FROM completed
