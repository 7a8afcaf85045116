-- One order with its lines (as JSON text, in line order).
SELECT o.id, o.user_id, o.status, o.total_amount, o.points_used, o.discount_amount, o.paid_amount,
       o.issued_coupon_id, o.coupon_applied, o.coupon_skipped_reason, o.request_id,
       o.failure_code, o.failure_detail, o.created_at, o.completed_at,
       (SELECT json_agg(json_build_object('productId', i.product_id, 'quantity', i.quantity,
                                          'unitPrice', i.unit_price, 'lineAmount', i.line_amount) ORDER BY i.line_no)::text
        FROM order_item i WHERE i.order_id = o.id) AS items
FROM orders o
WHERE o.id = CAST(:#${exchangeProperty.orderId} AS uuid)
