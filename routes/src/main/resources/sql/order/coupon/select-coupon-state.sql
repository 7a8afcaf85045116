-- Why an issuance step matched no row (see IssueRefusals).
SELECT total_quantity, issued_quantity, (expires_at IS NOT NULL AND expires_at <= now()) AS expired
FROM coupon
WHERE id = :#${exchangeProperty.couponId}
