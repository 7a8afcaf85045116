-- A new PENDING order; a request id already taken by a concurrent twin inserts nothing and returns no row.
INSERT INTO orders (id, user_id, status, issued_coupon_id, coupon_policy, request_id, request_hash)
VALUES (CAST(:#${exchangeProperty.order.orderId} AS uuid), :#${exchangeProperty.order.userId}, 'PENDING',
        :#${exchangeProperty.order.issuedCouponId}, :#${exchangeProperty.order.couponPolicy},
        :#${exchangeProperty.order.requestId}, :#${exchangeProperty.order.requestHash})
ON CONFLICT (request_id) DO NOTHING
RETURNING id
