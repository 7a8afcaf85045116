package io.caravan.common.outbox;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;

/**
 * The transactional outbox, write side. A route collects the events its change produces with
 * {@link #add(Exchange, OutboxEvent)} and then, inside the same transacted route as the change, sends the
 * exchange to {@link #WRITE}, which inserts them into the service's {@code outbox} table and leaves the body
 * as it was. The relay ({@link OutboxRelayRoutes}) publishes them to Kafka afterwards.
 */
public final class Outbox {

    public static final String WRITE = "direct:outbox-write";
    public static final String EVENTS = "caravanOutboxEvents";

    private Outbox() {}

    @SuppressWarnings("unchecked")
    public static void add(Exchange exchange, OutboxEvent event) {
        List<OutboxEvent> events = exchange.getProperty(EVENTS, List.class);
        if (events == null) {
            events = new ArrayList<>();
            exchange.setProperty(EVENTS, events);
        }
        events.add(event);
    }
}
