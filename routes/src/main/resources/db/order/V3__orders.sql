-- Orders placed by the order saga (POST /orders). An order is created PENDING and ends COMPLETED or FAILED;
-- COMPENSATING means a step failed and its undoing is not finished yet (it stays so only while a participant
-- cannot be reached). Amounts are whole KRW. request_id is the Idempotency-Key (or body requestId): one order per key.
CREATE TABLE orders (
    id                     UUID         PRIMARY KEY,
    user_id                BIGINT       NOT NULL,
    status                 TEXT         NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'COMPENSATING', 'FAILED')),
    total_amount           BIGINT       NOT NULL DEFAULT 0 CHECK (total_amount >= 0),
    points_used            BIGINT       NOT NULL DEFAULT 0 CHECK (points_used >= 0),
    discount_amount        BIGINT       NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
    paid_amount            BIGINT       NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
    issued_coupon_id       BIGINT,
    coupon_policy          TEXT         NOT NULL DEFAULT 'REQUIRED' CHECK (coupon_policy IN ('REQUIRED', 'OPTIONAL')),
    coupon_applied         BOOLEAN      NOT NULL DEFAULT false,
    coupon_skipped_reason  TEXT,
    request_id             TEXT         UNIQUE,
    request_hash           TEXT,
    failure_status         INTEGER,
    failure_code           TEXT,
    failure_detail         TEXT,
    created_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    completed_at           TIMESTAMPTZ,
    updated_at             TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX orders_user_newest ON orders (user_id, created_at DESC, id DESC);

-- The lines as ordered; unit_price and line_amount are the catalog's prices at reservation time.
CREATE TABLE order_item (
    order_id     UUID     NOT NULL REFERENCES orders (id),
    line_no      INTEGER  NOT NULL,
    product_id   BIGINT   NOT NULL,
    quantity     INTEGER  NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price   BIGINT,
    line_amount  BIGINT,
    PRIMARY KEY (order_id, line_no),
    UNIQUE (order_id, product_id)
);

-- How the undoing of each saga step went, written only when an order fails (nothing on the happy path).
-- REFUSED: the participant refused the step outright, so it did nothing and there is nothing to undo.
-- UNDOING: the compensation claimed the step and has not finished (it is retried; a row left UNDOING keeps
-- the order COMPENSATING). UNDONE: the participant confirmed the undo. No row: the step may have taken effect.
CREATE TABLE order_step (
    order_id    UUID         NOT NULL REFERENCES orders (id),
    step        TEXT         NOT NULL CHECK (step IN ('STOCK', 'POINTS', 'COUPON', 'PAYMENT')),
    state       TEXT         NOT NULL CHECK (state IN ('REFUSED', 'UNDOING', 'UNDONE')),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, step)
);

-- The card payment of an order as the gateway reported it.
CREATE TABLE payment (
    order_id    UUID         PRIMARY KEY REFERENCES orders (id),
    payment_id  TEXT,
    amount      BIGINT       NOT NULL CHECK (amount >= 0),
    status      TEXT         NOT NULL CHECK (status IN ('CAPTURED', 'VOIDED')),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The SANDBOX payment gateway's own state. The sandbox stands in for an external card processor (it is a
-- simulation served by order-app under /sandbox); no real money moves. One row per orderId: a capture, or a
-- void (a void that came first is a tombstone that refuses a late capture).
CREATE TABLE sandbox_payment (
    order_id    TEXT         PRIMARY KEY,
    payment_id  UUID         NOT NULL,
    amount      BIGINT       NOT NULL DEFAULT 0,
    card_token  TEXT,
    status      TEXT         NOT NULL CHECK (status IN ('CAPTURED', 'VOIDED')),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
