-- Records a notification for an order event once per (order, type); nothing for a user that does not exist.
-- Answers the new notification as select-undelivered-notification.sql would, so the first delivery need not read it.
INSERT INTO notification (user_id, order_id, type)
SELECT id, CAST(:#${exchangeProperty.notificationEvent.orderId} AS uuid), :#${exchangeProperty.notificationEvent.type}
FROM users
WHERE id = :#${exchangeProperty.notificationEvent.userId}
ON CONFLICT (order_id, type) DO NOTHING
RETURNING id, type, user_id, order_id::text AS order_id
