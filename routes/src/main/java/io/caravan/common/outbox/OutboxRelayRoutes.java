package io.caravan.common.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;

import io.caravan.common.ResolvedPlaceholders;
import io.caravan.common.db.Transactions;

/**
 * The transactional outbox: the write route used inside business transactions, and the relay that publishes
 * pending rows to Kafka in id order, keyed by aggregate id, and marks them sent only once Kafka acknowledged
 * them. While Kafka is unreachable the batch fails, the transaction rolls back and every row stays pending.
 * One relay at a time per database (a transaction-scoped advisory lock), so several instances keep the order.
 */
@Component
public class OutboxRelayRoutes extends RouteBuilder {

    static final String RELAY_BATCH = "direct:outbox-relay-batch";
    static final String IDS = "outboxIds";
    static final String MORE = "caravanOutboxMore";

    @Override
    public void configure() {
        // every event of the change in one statement, as one JSON array, in their order; noop leaves the body as the
        // caller's
        from(Outbox.WRITE).routeId("common-outbox-write")
                .process(Outbox::prepareRows)
                .filter(exchangeProperty(Outbox.ROWS).isNotNull())
                    .to("sql:" + Outbox.INSERT_ROWS + " ORDER BY n?noop=true")
                .end()
                .process(Outbox::clear);

        from("timer:outbox-relay?delay={{caravan.outbox.initial-delay-ms:1000}}&period={{caravan.outbox.period-ms:100}}")
                .routeId("common-outbox-relay")
                .autoStartup("{{caravan.outbox.relay-enabled:true}}")
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "io.caravan.outbox", "Outbox relay could not publish (rows stay pending): ${exception.message}")
                .end()
                .setProperty(MORE, constant(true))
                .loopDoWhile(simple("${exchangeProperty.caravanOutboxMore} == true"))
                    .to(RELAY_BATCH)
                .end();

        Transactions.route(this, RELAY_BATCH, "common-outbox-relay-batch")
                .setProperty(MORE, constant(false))
                .to("sql:SELECT pg_try_advisory_xact_lock(hashtext('caravan-outbox-relay')) AS locked?outputType=SelectOne")
                .filter(body().isEqualTo(true))
                    .to("sql:SELECT id, topic, message_key, payload::text AS payload FROM outbox WHERE sent_at IS NULL "
                            + "ORDER BY id LIMIT {{caravan.outbox.batch-size:200}}?outputType=SelectList")
                    .filter(e -> !e.getMessage().getBody(List.class).isEmpty())
                        .process(OutboxRelayRoutes::toRecords)
                        .to("kafka:{{caravan.outbox.fallback-topic:caravan-outbox}}")
                        .to("sql:UPDATE outbox SET sent_at = now() WHERE id IN (:#in:outboxIds)")
                    .end()
                .end();

        from("timer:outbox-cleanup?delay=60000&period={{caravan.outbox.cleanup-period-ms:3600000}}")
                .routeId("common-outbox-cleanup")
                .autoStartup("{{caravan.outbox.relay-enabled:true}}")
                .to("sql:DELETE FROM outbox WHERE sent_at < now() - interval '1 day'");
    }

    /** Turns the pending rows into one Kafka batch: one message per row with its own topic and key. */
    @SuppressWarnings("unchecked")
    static void toRecords(Exchange exchange) {
        List<Map<String, Object>> rows = exchange.getMessage().getBody(List.class);
        List<Message> records = new ArrayList<>(rows.size());
        List<Long> ids = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Message record = new DefaultMessage(exchange.getContext());
            record.setHeader(KafkaConstants.OVERRIDE_TOPIC, row.get("topic"));
            record.setHeader(KafkaConstants.KEY, row.get("message_key"));
            record.setBody(row.get("payload"));
            records.add(record);
            ids.add(((Number) row.get("id")).longValue());
        }
        exchange.getMessage().setBody(records);
        exchange.getMessage().setHeader(IDS, ids);
        String batchSize = ResolvedPlaceholders.resolve(exchange.getContext(), "{{caravan.outbox.batch-size:200}}");
        exchange.setProperty(MORE, rows.size() >= Integer.parseInt(batchSize));
    }
}
