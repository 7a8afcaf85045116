package io.caravan.common.consumer;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.support.builder.ExpressionBuilder;

import io.caravan.common.events.EventEnvelope;
import io.caravan.common.rest.CaravanJson;

/**
 * The consumer block: the Kafka endpoint (offsets committed only after processing), reading the envelope, and
 * idempotency by {@code eventId} in the service's {@code processed_event} table (inside the transaction of the
 * change, so a change and its marker commit together).
 */
public final class EventConsumers {

    public static final String EVENT_ID = "caravanEventId";
    public static final String EVENT_TYPE = "caravanEventType";
    public static final String EVENT = "caravanEvent";

    private EventConsumers() {}

    /**
     * A Kafka consumer endpoint for a topic placeholder and consumer group, committing after processing.
     * {@code allowManualCommit} with auto-commit off and Camel's default manual-commit factory named explicitly
     * selects Camel's synchronous commit manager (without the factory named, it is a no-op one): after each poll it
     * commits, once per partition, the offsets of the records the route finished (processed, or dead-lettered by
     * {@link EventConsumerPolicy}). A record still being processed is never committed, and a crash redelivers at
     * most one poll's records, which {@link #markProcessed} recognises. Kafka's own auto-commit could commit, on
     * stopping, records polled but not yet processed; a commit per record would be one more round trip to the
     * broker for every record.
     */
    public static String kafka(String topic, String groupId) {
        return "kafka:" + topic + "?groupId=" + groupId
                + "&autoOffsetReset=earliest&autoCommitEnable=false&allowManualCommit=true"
                + "&kafkaManualCommitFactory=#class:" + DefaultKafkaManualCommitFactory.class.getName()
                + "&maxPollRecords={{caravan.consumer.max-poll-records:100}}"
                + "&pollOnError=RECONNECT";
    }

    /** Parses the record value into an {@link EventEnvelope} (exchange property {@link #EVENT}) and headers. */
    public static void readEnvelope(Exchange exchange) throws Exception {
        EventEnvelope event = CaravanJson.MAPPER.readValue(exchange.getMessage().getBody(String.class), EventEnvelope.class);
        if (event.eventId() == null || event.eventType() == null) {
            throw new IllegalArgumentException("Not a Caravan event: eventId and eventType are required");
        }
        exchange.setProperty(EVENT, event);
        exchange.getMessage().setHeader(EVENT_ID, event.eventId());
        exchange.getMessage().setHeader(EVENT_TYPE, event.eventType());
    }

    public static Predicate eventType(String... types) {
        Predicate[] any = new Predicate[types.length];
        for (int i = 0; i < types.length; i++) {
            any[i] = PredicateBuilder.isEqualTo(ExpressionBuilder.headerExpression(EVENT_TYPE),
                    ExpressionBuilder.constantExpression(types[i]));
        }
        return PredicateBuilder.or(any);
    }

    /**
     * SQL endpoint that records the event as processed by {@code consumer}; use inside a transacted route and
     * follow it with {@code .filter(EventConsumers.firstDelivery())}. A consumer whose change is one statement may
     * write the same marker in a CTE of that statement instead, and need no transaction
     * ({@code sql/user/insert-notification.sql}, {@code sql/catalog/add-daily-sales.sql}).
     */
    public static String markProcessed(String consumer) {
        return "sql:INSERT INTO processed_event (consumer, event_id) VALUES ('" + consumer + "', :#${header."
                + EVENT_ID + "}) ON CONFLICT DO NOTHING?noop=true";
    }

    /** True when {@link #markProcessed} inserted the marker, i.e. this event was never processed before. */
    public static Predicate firstDelivery() {
        return PredicateBuilder.isEqualTo(ExpressionBuilder.headerExpression(SqlConstants.SQL_UPDATE_COUNT),
                ExpressionBuilder.constantExpression(1));
    }
}
