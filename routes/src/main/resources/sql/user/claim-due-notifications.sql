-- The redelivery sweep's batch: undelivered notifications whose next push is due, oldest due first, claimed in
-- this one statement by moving their next push on (SKIP LOCKED: rows another instance is claiming are left to it).
-- The attempt made now is counted; the next waits firstDelayMs doubled per attempt already made, at most
-- maxDelayMs; the last attempt leaves next_push_at NULL, so a row nobody accepts is not tried again.
WITH due AS (
    SELECT id FROM notification
    WHERE delivered_at IS NULL AND next_push_at IS NOT NULL AND next_push_at <= now()
    ORDER BY next_push_at
    LIMIT :#batchSize
    FOR UPDATE SKIP LOCKED
)
UPDATE notification n
SET push_attempts = n.push_attempts + 1,
    next_push_at = CASE WHEN n.push_attempts + 1 >= :#maxAttempts THEN NULL
                        ELSE now() + LEAST(:#firstDelayMs * power(2, n.push_attempts), :#maxDelayMs)
                                     * interval '1 millisecond' END
FROM due
WHERE n.id = due.id
RETURNING n.id, n.type, n.user_id, n.order_id::text AS order_id, n.push_attempts
