-- The saga's completion: COMPLETED with the amounts of its outcome. No row when the order was completed already
-- (a completion may run more than once). COMPENSATING is completed too: a step failed only after recovery had
-- decided to finish the saga (its payment was captured).
UPDATE orders
SET status = 'COMPLETED',
    total_amount = :#${exchangeProperty.outcome.totalAmount},
    points_used = :#${exchangeProperty.outcome.pointsUsed},
    discount_amount = :#${exchangeProperty.outcome.discountAmount},
    paid_amount = :#${exchangeProperty.outcome.paidAmount},
    coupon_applied = :#${exchangeProperty.outcome.couponApplied},
    coupon_skipped_reason = :#${exchangeProperty.outcome.couponSkippedReason},
    failure_status = NULL,
    failure_code = NULL,
    failure_detail = NULL,
    completed_at = now(),
    updated_at = now()
WHERE id = CAST(:#${exchangeProperty.outcome.orderId} AS uuid) AND status IN ('PENDING', 'COMPENSATING')
RETURNING id
