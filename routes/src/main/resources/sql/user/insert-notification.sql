-- Records a notification for an order event once per (order, type), and marks the event processed by this
-- consumer (EventConsumers.markProcessed's marker), in one statement on its own (auto-commit). A repeated event
-- (its marker is there) records nothing; nor does an event for a user that does not exist (its marker is written:
-- there is nothing to retry). Answers the new notification as select-undelivered-notification.sql would, so the
-- first delivery need not read it.
-- With a push channel the redelivery sweep may push it after redelivery.first-delay-ms if it is still undelivered
-- then (firstRedeliveryMs; -1 without a push channel: never).
WITH marked AS (
    INSERT INTO processed_event (consumer, event_id) VALUES ('user-app-notifications', :#${header.caravanEventId})
    ON CONFLICT DO NOTHING
    RETURNING event_id
)
INSERT INTO notification (user_id, order_id, type, next_push_at)
SELECT id, CAST(:#${exchangeProperty.notificationEvent.orderId} AS uuid), :#${exchangeProperty.notificationEvent.type},
       CASE WHEN :#${exchangeProperty.firstRedeliveryMs} >= 0
            THEN now() + :#${exchangeProperty.firstRedeliveryMs} * interval '1 millisecond' END
FROM users, marked
WHERE id = :#${exchangeProperty.notificationEvent.userId}
ON CONFLICT (order_id, type) DO NOTHING
RETURNING id, type, user_id, order_id::text AS order_id
