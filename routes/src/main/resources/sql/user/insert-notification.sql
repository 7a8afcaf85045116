-- Records a notification for an order event once per (order, type); nothing for a user that does not exist.
-- Answers the new notification as select-undelivered-notification.sql would, so the first delivery need not read it.
-- With a push channel the redelivery sweep may push it after redelivery.first-delay-ms if it is still undelivered
-- then (firstRedeliveryMs; -1 without a push channel: never).
INSERT INTO notification (user_id, order_id, type, next_push_at)
SELECT id, CAST(:#${exchangeProperty.notificationEvent.orderId} AS uuid), :#${exchangeProperty.notificationEvent.type},
       CASE WHEN :#${exchangeProperty.firstRedeliveryMs} >= 0
            THEN now() + :#${exchangeProperty.firstRedeliveryMs} * interval '1 millisecond' END
FROM users
WHERE id = :#${exchangeProperty.notificationEvent.userId}
ON CONFLICT (order_id, type) DO NOTHING
RETURNING id, type, user_id, order_id::text AS order_id
