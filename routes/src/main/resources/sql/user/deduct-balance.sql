-- Takes points in one atomic conditional update: the balance never goes below 0, and the deduction claimed just
-- before (claim-deduction.sql) keeps the balance it left, which a repeated request answers. No row: the user does
-- not exist; balance null: the balance does not cover the amount and nothing was changed.
WITH used AS (
    UPDATE users
    SET balance = balance - :#${exchangeProperty.pointDeduction.amount}
    WHERE id = :#${exchangeProperty.pointDeduction.userId}
      AND balance >= :#${exchangeProperty.pointDeduction.amount}
    RETURNING id, balance
), recorded AS (
    UPDATE point_deduction AS d
    SET balance_after = used.balance
    FROM used
    WHERE d.order_id = CAST(:#${exchangeProperty.pointDeduction.orderId} AS uuid)
)
SELECT u.id AS user_id, d.balance AS balance
FROM users u
LEFT JOIN used d ON d.id = u.id
WHERE u.id = :#${exchangeProperty.pointDeduction.userId}
