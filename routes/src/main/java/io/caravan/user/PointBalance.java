package io.caravan.user;

import java.util.Map;

/** A user's point balance: the answer of {@code GET /users/{userId}/points} and of a charge. */
public record PointBalance(long userId, long balance) {

    public static PointBalance fromRow(Map<String, Object> row) {
        return new PointBalance(((Number) row.get("user_id")).longValue(), ((Number) row.get("balance")).longValue());
    }
}
