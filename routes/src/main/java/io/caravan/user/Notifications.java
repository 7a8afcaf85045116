package io.caravan.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /users/{userId}/notifications}: the newest notifications first. */
public record Notifications(List<Item> items) {

    public record Item(long id, String type, String orderId, Instant createdAt) {}

    public static Notifications fromRows(List<Map<String, Object>> rows) {
        return new Notifications(rows.stream()
                .map(row -> new Item(
                        ((Number) row.get("id")).longValue(),
                        (String) row.get("type"),
                        (String) row.get("order_id"),
                        ((Timestamp) row.get("created_at")).toInstant()))
                .toList());
    }
}
