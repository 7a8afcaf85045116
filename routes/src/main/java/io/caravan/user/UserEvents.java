package io.caravan.user;

import org.apache.camel.Exchange;

import io.caravan.common.events.EventEnvelope;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.outbox.OutboxEvent;

/** The events user-app publishes to {@code user-events}, keyed by userId. */
public final class UserEvents {

    private UserEvents() {}

    public static void add(Exchange exchange, EventEnvelope event) {
        String topic = exchange.getContext().resolvePropertyPlaceholders("{{caravan.topics.user-events}}");
        Outbox.add(exchange, new OutboxEvent(topic, event.userId(), event));
    }

    public static void userCreated(Exchange exchange) {
        User user = exchange.getMessage().getBody(User.class);
        add(exchange, EventEnvelope.of("UserCreated").userId(user.id()));
    }
}
