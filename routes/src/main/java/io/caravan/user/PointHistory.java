package io.caravan.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /users/{userId}/points/history}: the newest balance changes first. */
public record PointHistory(List<Item> items) {

    public record Item(long id, String type, long amount, long balanceAfter, String orderId, Instant createdAt) {}

    public static PointHistory fromRows(List<Map<String, Object>> rows) {
        return new PointHistory(rows.stream()
                .map(row -> new Item(
                        ((Number) row.get("id")).longValue(),
                        (String) row.get("type"),
                        ((Number) row.get("amount")).longValue(),
                        ((Number) row.get("balance_after")).longValue(),
                        (String) row.get("order_id"),
                        ((Timestamp) row.get("created_at")).toInstant()))
                .toList());
    }
}
