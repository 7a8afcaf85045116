-- The catalog's prices at reservation time, for every line at once.
UPDATE order_item AS i
SET unit_price = (priced.line ->> 'unitPrice')::bigint,
    line_amount = (priced.line ->> 'lineAmount')::bigint
FROM jsonb_array_elements(CAST(:#${exchangeProperty.outcome.pricedLinesJson} AS jsonb)) AS priced (line)
WHERE i.order_id = CAST(:#${exchangeProperty.outcome.orderId} AS uuid)
  AND i.product_id = (priced.line ->> 'productId')::bigint
