package io.caravan.user;

import org.apache.camel.Exchange;

import io.caravan.common.ResolvedPlaceholders;
import io.caravan.common.events.EventEnvelope;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.outbox.OutboxEvent;

/** The events user-app publishes to {@code user-events}, keyed by userId. */
public final class UserEvents {

    private UserEvents() {}

    public static void add(Exchange exchange, EventEnvelope event) {
        String topic = ResolvedPlaceholders.resolve(exchange.getContext(), "{{caravan.topics.user-events}}");
        Outbox.add(exchange, new OutboxEvent(topic, event.userId(), event));
    }

    public static void userCreated(Exchange exchange) {
        User user = exchange.getMessage().getBody(User.class);
        add(exchange, EventEnvelope.of("UserCreated").userId(user.id()));
    }

    /** PointCharged (userId, requestId) for the charge in the body ({@link PointChange}). */
    public static void pointCharged(Exchange exchange) {
        ChargePointsRequest request = exchange.getProperty(PointCharges.REQUEST, ChargePointsRequest.class);
        PointChange change = exchange.getMessage().getBody(PointChange.class);
        add(exchange, EventEnvelope.of("PointCharged").userId(change.userId()).requestId(request.requestId()));
    }

    /** PointUsed (userId, orderId) or PointRefunded (userId, orderId) for the change in the body. */
    public static void pointUsedOrRefunded(Exchange exchange) {
        PointChange change = exchange.getMessage().getBody(PointChange.class);
        String type = PointChange.USE.equals(change.type()) ? "PointUsed" : "PointRefunded";
        add(exchange, EventEnvelope.of(type).userId(change.userId()).orderId(change.orderId()));
    }
}
