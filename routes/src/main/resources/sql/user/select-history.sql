SELECT id, type, amount, balance_after, order_id::text AS order_id, created_at
FROM point_history
WHERE user_id = :#userId
ORDER BY id DESC
LIMIT :#limit
