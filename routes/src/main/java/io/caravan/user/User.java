package io.caravan.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/** A user as API.md shows it. */
public record User(long id, String name, String email, Instant createdAt) {

    public static User fromRow(Map<String, Object> row) {
        return new User(
                ((Number) row.get("id")).longValue(),
                (String) row.get("name"),
                (String) row.get("email"),
                ((Timestamp) row.get("created_at")).toInstant());
    }
}
