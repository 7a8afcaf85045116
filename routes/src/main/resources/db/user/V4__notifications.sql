-- Customer notifications recorded from order-events (OrderCompleted, OrderFailed): one per (order, type), so a
-- duplicated event notifies once. delivered_at is set once the push channel accepted it; a row left undelivered
-- (push channel failing, record dead-lettered) is delivered when its event is consumed again.
CREATE TABLE notification (
    id            BIGSERIAL    PRIMARY KEY,
    user_id       BIGINT       NOT NULL REFERENCES users (id),
    order_id      UUID         NOT NULL,
    type          TEXT         NOT NULL CHECK (type IN ('ORDER_COMPLETED', 'ORDER_FAILED')),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    delivered_at  TIMESTAMPTZ,
    UNIQUE (order_id, type)
);
CREATE INDEX notification_user_newest ON notification (user_id, id DESC);
