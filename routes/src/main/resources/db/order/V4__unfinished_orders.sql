-- What the gauge caravan.orders.compensating counts, and what operators look for: orders not yet finished.
CREATE INDEX orders_unfinished ON orders (status) WHERE status IN ('PENDING', 'COMPENSATING');
