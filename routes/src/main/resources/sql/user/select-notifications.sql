SELECT id, type, order_id::text AS order_id, created_at
FROM notification
WHERE user_id = :#userId
ORDER BY id DESC
LIMIT :#limit
