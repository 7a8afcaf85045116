package io.caravan.common.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;

import io.caravan.common.rest.CaravanJson;

/**
 * The transactional outbox, write side. A route collects the events its change produces with
 * {@link #add(Exchange, OutboxEvent)} and then, inside the same transacted route as the change, sends the
 * exchange to {@link #WRITE}, which inserts them into the service's {@code outbox} table and leaves the body
 * as it was. The relay ({@link OutboxRelayRoutes}) publishes them to Kafka afterwards.
 * <p>
 * A statement can insert its change's events itself, in a CTE: one round trip less, and a change that is one
 * statement then needs no transaction ({@code sql/order/insert-order.sql}). {@link #prepareRows} puts the events
 * in the JSON array {@link #WRITE} reads (property {@link #ROWS}), and the statement inserts them with
 * {@link #INSERT_ROWS}, only if it made its change.
 */
public final class Outbox {

    public static final String WRITE = "direct:outbox-write";
    public static final String EVENTS = "caravanOutboxEvents";
    public static final String ROWS = "caravanOutboxRows";

    /**
     * Inserts the events {@link #prepareRows} prepared; {@code t.n} is each one's place in the array, and ordering by
     * it keeps their order in the ids the relay publishes by. {@link #WRITE} runs it; a statement that writes its
     * own events runs it as a CTE with a condition on its changed row (OutboxStatementsTest checks each one).
     */
    public static final String INSERT_ROWS = "INSERT INTO outbox (event_id, topic, message_key, event_type, payload) "
            + "SELECT CAST(e ->> 'eventId' AS uuid), e ->> 'topic', e ->> 'key', e ->> 'eventType', e -> 'payload' "
            + "FROM jsonb_array_elements(CAST(:#${exchangeProperty." + ROWS + "} AS jsonb)) WITH ORDINALITY AS t(e, n)";

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

    /**
     * The events added so far as the JSON array the outbox insert reads, in property {@link #ROWS}, each envelope
     * as an object; no property when the change produced no event.
     */
    @SuppressWarnings("unchecked")
    public static void prepareRows(Exchange exchange) {
        List<OutboxEvent> events = exchange.getProperty(EVENTS, List.class);
        if (events == null || events.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>(events.size());
        for (OutboxEvent event : events) {
            Map<String, Object> row = new HashMap<>(8);
            row.put("eventId", event.eventId());
            row.put("topic", event.topic());
            row.put("key", event.key());
            row.put("eventType", event.eventType());
            row.put("payload", event.event());
            rows.add(row);
        }
        exchange.setProperty(ROWS, CaravanJson.write(rows));
    }

    /** Forgets the events of a change once they are written. */
    public static void clear(Exchange exchange) {
        exchange.removeProperty(EVENTS);
        exchange.removeProperty(ROWS);
    }
}
