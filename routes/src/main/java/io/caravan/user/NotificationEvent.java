package io.caravan.user;

import java.util.Map;

import org.apache.camel.ExchangeProperty;

import io.caravan.common.consumer.EventConsumers;
import io.caravan.common.events.EventEnvelope;

/** What an order event asks user-app to notify: OrderCompleted -> ORDER_COMPLETED, OrderFailed -> ORDER_FAILED. */
public record NotificationEvent(String type, long userId, String orderId) {

    /** Exchange property holding the event being handled. */
    public static final String PROPERTY = "notificationEvent";

    /** Reads the envelope; an event without a numeric userId or a UUID orderId cannot be handled (it is dead-lettered). */
    public static NotificationEvent from(@ExchangeProperty(EventConsumers.EVENT) EventEnvelope event) {
        String type = switch (event.eventType()) {
            case "OrderCompleted" -> "ORDER_COMPLETED";
            case "OrderFailed" -> "ORDER_FAILED";
            default -> throw new IllegalArgumentException("Not an order outcome: " + event.eventType());
        };
        if (event.orderId() == null || !event.orderId().matches(OrderIds.UUID_PATTERN)) {
            throw new IllegalArgumentException("Event " + event.eventId() + " has no UUID orderId");
        }
        long userId;
        try {
            userId = Long.parseLong(String.valueOf(event.userId()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Event " + event.eventId() + " has no numeric userId");
        }
        return new NotificationEvent(type, userId, event.orderId().toLowerCase());
    }

    /** The JSON body sent to the push channel for a notification row (id, type, user_id, order_id). */
    public static Map<String, Object> pushBody(Map<String, Object> row) {
        return Map.of("notificationId", ((Number) row.get("id")).longValue(), "type", row.get("type"),
                "userId", ((Number) row.get("user_id")).longValue(), "orderId", row.get("order_id"));
    }
}
