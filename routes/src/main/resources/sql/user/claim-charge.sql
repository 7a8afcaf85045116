-- Claims a charge's requestId for the user before the balance changes. No row when the user does not exist or
-- the requestId was used before (a concurrent duplicate waits here until the first commits or rolls back).
INSERT INTO point_charge (user_id, request_id, amount)
SELECT id, :#${exchangeProperty.pointCharge.requestId}, :#${exchangeProperty.pointCharge.amount}
FROM users
WHERE id = :#userId
ON CONFLICT (user_id, request_id) DO NOTHING
RETURNING request_id
