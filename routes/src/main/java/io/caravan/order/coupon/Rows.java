package io.caravan.order.coupon;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/** Reads typed values from the column maps camel-sql answers. */
final class Rows {

    private Rows() {}

    static long longValue(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    static Instant instant(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }
}
