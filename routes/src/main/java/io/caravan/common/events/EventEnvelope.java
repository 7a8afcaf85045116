package io.caravan.common.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The value of every Kafka record Caravan publishes (API.md "Events"): identifiers only, never a copy of an
 * entity. Absent identifiers are written as {@code null} so every event has the same shape.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EventEnvelope(
        String eventId,
        String eventType,
        String orderId,
        String userId,
        String productId,
        String couponId,
        String requestId,
        Instant timestamp) {

    public static EventEnvelope of(String eventType) {
        return new EventEnvelope(UUID.randomUUID().toString(), eventType, null, null, null, null, null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public EventEnvelope orderId(Object id) {
        return new EventEnvelope(eventId, eventType, str(id), userId, productId, couponId, requestId, timestamp);
    }

    public EventEnvelope userId(Object id) {
        return new EventEnvelope(eventId, eventType, orderId, str(id), productId, couponId, requestId, timestamp);
    }

    public EventEnvelope productId(Object id) {
        return new EventEnvelope(eventId, eventType, orderId, userId, str(id), couponId, requestId, timestamp);
    }

    public EventEnvelope couponId(Object id) {
        return new EventEnvelope(eventId, eventType, orderId, userId, productId, str(id), requestId, timestamp);
    }

    public EventEnvelope requestId(Object id) {
        return new EventEnvelope(eventId, eventType, orderId, userId, productId, couponId, str(id), timestamp);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
