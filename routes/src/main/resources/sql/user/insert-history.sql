-- One history row per balance change, in the transaction of the change.
INSERT INTO point_history (user_id, type, amount, balance_after, order_id)
VALUES (:#${body.userId}, :#${body.type}, :#${body.amount}, :#${body.balanceAfter}, CAST(:#${body.orderId} AS uuid))
