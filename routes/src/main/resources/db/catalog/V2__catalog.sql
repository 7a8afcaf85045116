-- Products and their stock books. `stock` is what can still be ordered (available); stock held by an order in
-- flight is in `reserved`, stock of confirmed orders in `sold`; `received` is the initial stock plus every
-- restock. The books always balance: received = stock + reserved + sold (enforced below).
CREATE TABLE product (
    id           BIGSERIAL    PRIMARY KEY,
    name         TEXT         NOT NULL,
    description  TEXT,
    price        BIGINT       NOT NULL CHECK (price >= 0),
    stock        BIGINT       NOT NULL CHECK (stock >= 0),
    reserved     BIGINT       NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    sold         BIGINT       NOT NULL DEFAULT 0 CHECK (sold >= 0),
    received     BIGINT       NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT product_books_balance CHECK (received = stock + reserved + sold)
);

-- One row per order that ever touched stock, keyed by orderId. Created with INSERT ... ON CONFLICT DO NOTHING
-- (RESERVED by a reservation, TOMBSTONE by a release that came first) and moved on only by conditional updates
-- from RESERVED, so exactly one of release and confirm wins.
CREATE TABLE stock_reservation (
    order_id          UUID         PRIMARY KEY,
    status            TEXT         NOT NULL CHECK (status IN ('RESERVED', 'RELEASED', 'CONFIRMED', 'TOMBSTONE')),
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- set once when the order's OrderCompleted was added to the daily sales (an order counts once)
    sales_counted_at  TIMESTAMPTZ
);

-- The lines of a reservation with the catalog price at reservation time.
CREATE TABLE stock_reservation_line (
    order_id    UUID     NOT NULL REFERENCES stock_reservation (order_id),
    product_id  BIGINT   NOT NULL REFERENCES product (id),
    quantity    INTEGER  NOT NULL CHECK (quantity > 0),
    unit_price  BIGINT   NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (order_id, product_id)
);

-- Quantities of completed orders per product and UTC day: the source of GET /products/popular.
CREATE TABLE product_daily_sales (
    product_id  BIGINT  NOT NULL REFERENCES product (id),
    day         DATE    NOT NULL,
    quantity    BIGINT  NOT NULL CHECK (quantity >= 0),
    PRIMARY KEY (product_id, day)
);
CREATE INDEX product_daily_sales_day ON product_daily_sales (day, product_id);
