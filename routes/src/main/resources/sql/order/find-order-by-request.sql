-- The order an idempotency key already placed, if any (with what POST /orders needs to answer it again).
SELECT id, status, request_hash, failure_status, failure_code, failure_detail
FROM orders
WHERE request_id = :#${exchangeProperty.order.requestId}
