-- A step failed: the order is COMPENSATING, with the failure it will show, before any compensation runs.
UPDATE orders
SET status = 'COMPENSATING',
    failure_status = :#${exchangeProperty.caravanOrderFailure.status},
    failure_code = :#${exchangeProperty.caravanOrderFailure.code},
    failure_detail = :#${exchangeProperty.caravanOrderFailure.detail},
    total_amount = :#${exchangeProperty.order.totalAmount},
    points_used = :#${exchangeProperty.order.pointsUsed},
    discount_amount = :#${exchangeProperty.order.discountAmount},
    updated_at = now()
WHERE id = CAST(:#${exchangeProperty.order.orderId} AS uuid) AND status = 'PENDING'
