-- First-come-first-served coupons. A coupon is never issued past total_quantity (the CHECK backs the
-- conditional update) nor twice to one user (the UNIQUE key). EXPIRED is derived from coupon.expires_at.
CREATE TABLE coupon (
    id                BIGSERIAL    PRIMARY KEY,
    name              TEXT         NOT NULL,
    discount_type     TEXT         NOT NULL CHECK (discount_type IN ('FIXED', 'RATE')),
    discount_value    BIGINT       NOT NULL CHECK (discount_value >= 1),
    total_quantity    BIGINT       NOT NULL CHECK (total_quantity >= 1),
    issued_quantity   BIGINT       NOT NULL DEFAULT 0 CHECK (issued_quantity >= 0 AND issued_quantity <= total_quantity),
    min_order_amount  BIGINT       NOT NULL DEFAULT 0 CHECK (min_order_amount >= 0),
    expires_at        TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE issued_coupon (
    id          BIGSERIAL    PRIMARY KEY,
    coupon_id   BIGINT       NOT NULL REFERENCES coupon (id),
    user_id     BIGINT       NOT NULL,
    status      TEXT         NOT NULL DEFAULT 'AVAILABLE' CHECK (status IN ('AVAILABLE', 'USED')),
    order_id    UUID,
    issued_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    used_at     TIMESTAMPTZ,
    UNIQUE (coupon_id, user_id)
);
CREATE INDEX issued_coupon_user ON issued_coupon (user_id, id DESC);
