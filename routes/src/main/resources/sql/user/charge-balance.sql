-- Adds a charge in one atomic conditional update. No row: the user does not exist; balance null: the balance
-- after the charge would exceed 10,000,000 and nothing was changed.
WITH charged AS (
    UPDATE users
    SET balance = balance + :#${exchangeProperty.pointCharge.amount}
    WHERE id = :#userId
      AND balance + :#${exchangeProperty.pointCharge.amount} <= 10000000
    RETURNING id, balance
)
SELECT u.id AS user_id, c.balance AS balance
FROM users u
LEFT JOIN charged c ON c.id = u.id
WHERE u.id = :#userId
