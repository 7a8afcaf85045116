-- PENDING -> COMPLETED with the amounts of the saga; no row when the order is no longer PENDING (its saga timed out).
UPDATE orders
SET status = 'COMPLETED',
    total_amount = :#${exchangeProperty.order.totalAmount},
    points_used = :#${exchangeProperty.order.pointsUsed},
    discount_amount = :#${exchangeProperty.order.discountAmount},
    paid_amount = :#${exchangeProperty.order.amountToPay},
    coupon_applied = :#${exchangeProperty.order.couponApplied},
    coupon_skipped_reason = :#${exchangeProperty.order.couponSkippedReason},
    completed_at = now(),
    updated_at = now()
WHERE id = CAST(:#${exchangeProperty.order.orderId} AS uuid) AND status = 'PENDING'
RETURNING id
