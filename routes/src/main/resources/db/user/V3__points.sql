-- Points: the balance lives on the user row and is only ever changed by one atomic conditional UPDATE.
-- It never goes below 0 (checked here as a last line of defence); the 10,000,000 ceiling applies to charges only
-- (a refund always succeeds), so it is enforced by the charge statement, not by a constraint.
ALTER TABLE users ADD COLUMN balance BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD CONSTRAINT users_balance_not_negative CHECK (balance >= 0);

-- One row per balance change, written in the same transaction as the change. amount is always positive.
CREATE TABLE point_history (
    id             BIGSERIAL    PRIMARY KEY,
    user_id        BIGINT       NOT NULL REFERENCES users (id),
    type           TEXT         NOT NULL CHECK (type IN ('CHARGE', 'USE', 'REFUND')),
    amount         BIGINT       NOT NULL CHECK (amount > 0),
    balance_after  BIGINT       NOT NULL CHECK (balance_after >= 0),
    order_id       UUID,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX point_history_user_newest ON point_history (user_id, id DESC);

-- Charges made with a requestId: the key that makes a repeated charge answer the first result and apply nothing.
-- The row is claimed before the balance changes, so a concurrent duplicate waits on this key and then replays.
CREATE TABLE point_charge (
    user_id        BIGINT       NOT NULL REFERENCES users (id),
    request_id     TEXT         NOT NULL,
    amount         BIGINT       NOT NULL CHECK (amount > 0),
    balance_after  BIGINT,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, request_id)
);

-- The order saga's point step, keyed by orderId: exactly one transition wins (INSERT ... ON CONFLICT DO NOTHING,
-- UPDATE ... WHERE status = 'DEDUCTED'). A refund for an orderId never deducted leaves a TOMBSTONE (no user,
-- no amount), so a late deduction for it is refused.
CREATE TABLE point_deduction (
    order_id       UUID         PRIMARY KEY,
    user_id        BIGINT,
    amount         BIGINT       CHECK (amount > 0),
    status         TEXT         NOT NULL CHECK (status IN ('DEDUCTED', 'REFUNDED', 'TOMBSTONE')),
    balance_after  BIGINT,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    refunded_at    TIMESTAMPTZ,
    CHECK (status = 'TOMBSTONE' OR (user_id IS NOT NULL AND amount IS NOT NULL))
);
