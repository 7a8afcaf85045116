SELECT id, type, user_id, order_id::text AS order_id
FROM notification
WHERE order_id = CAST(:#${exchangeProperty.notificationEvent.orderId} AS uuid)
  AND type = :#${exchangeProperty.notificationEvent.type}
  AND delivered_at IS NULL
