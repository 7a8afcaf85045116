-- A notification the push channel did not accept (it was down: the consumer's retries ended in the dead-letter
-- topic) is pushed again by user-app's redelivery sweep (NotificationRoutes). next_push_at is when the sweep may
-- try it next; a sweep claims the rows it pushes by moving it on, so two instances never push the same row at once.
-- NULL: the sweep never pushes it (no push channel when it was recorded, or every attempt was used).
ALTER TABLE notification ADD COLUMN next_push_at TIMESTAMPTZ;
ALTER TABLE notification ADD COLUMN push_attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX notification_due ON notification (next_push_at) WHERE delivered_at IS NULL AND next_push_at IS NOT NULL;
