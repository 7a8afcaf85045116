package io.caravan.common.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import io.caravan.common.db.SqlEndpointTuning;
import io.caravan.common.db.Transactions;
import io.caravan.common.events.EventEnvelope;
import io.caravan.common.rest.CaravanJson;
import io.caravan.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Outbox#WRITE} against a real PostgreSQL with the common migrations: the rows it leaves for the relay. */
class OutboxWriteTest {

    private HikariDataSource dataSource;
    private DefaultCamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        dataSource = TestPostgres.withCommonTables("outbox_write", 10);
        context = new DefaultCamelContext();
        SqlComponent sql = new SqlComponent();
        sql.setDataSource(dataSource);
        context.addComponent("sql", sql);
        context.getRegistry().bind(Transactions.REQUIRED, new Transactions(new DataSourceTransactionManager(dataSource)));
        context.getCamelContextExtension().registerEndpointCallback(SqlEndpointTuning.strategy(context));
        context.addRoutes(new OutboxRelayRoutes());
        // only the write route runs: the relay's Kafka endpoint is created but never started
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setBrokers("localhost:9");
        context.addComponent("kafka", kafka);
        context.setAutoStartup(false);
        context.start();
        context.getRouteController().startRoute("common-outbox-write");
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
        dataSource.close();
    }

    @Test
    void shouldWriteEveryEventOfAChangeInItsOrderWithItsEnvelopeAsIs() throws Exception {
        List<OutboxEvent> oneByOne = events();
        List<OutboxEvent> together = events();

        for (OutboxEvent event : oneByOne) {
            template.send(Outbox.WRITE, e -> Outbox.add(e, event));
        }
        var answer = template.request(Outbox.WRITE, e -> {
            e.getMessage().setBody("the change");
            together.forEach(event -> Outbox.add(e, event));
        });

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getBody()).isEqualTo("the change");
        assertThat(answer.getProperty(Outbox.EVENTS)).isNull();
        List<OutboxEvent> written = new ArrayList<>(oneByOne);
        written.addAll(together);
        List<Map<String, Object>> rows = rows();
        assertThat(rows).hasSize(written.size());
        for (int i = 0; i < rows.size(); i++) {
            OutboxEvent event = written.get(i);
            Map<String, Object> row = rows.get(i);
            assertThat(row.get("event_id")).isEqualTo(event.eventId());
            assertThat(row.get("topic")).isEqualTo(event.topic());
            assertThat(row.get("message_key")).isEqualTo(event.key());
            assertThat(row.get("event_type")).isEqualTo(event.eventType());
            assertThat(CaravanJson.MAPPER.readTree((String) row.get("payload"))).isEqualTo(CaravanJson.MAPPER.readTree(event.payload()));
        }
    }

    @Test
    void shouldWriteNothingAndKeepTheBodyWhenTheChangeHasNoEvent() throws Exception {
        var answer = template.request(Outbox.WRITE, e -> e.getMessage().setBody("no event"));

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getBody()).isEqualTo("no event");
        assertThat(rows()).isEmpty();
    }

    /** Events of two aggregates, keys not in order, one with absent identifiers (they stay null in the envelope). */
    private static List<OutboxEvent> events() {
        return List.of(
                new OutboxEvent("product-events", "9", EventEnvelope.of("StockReserved").productId(9).orderId("o-1")),
                new OutboxEvent("product-events", "2", EventEnvelope.of("StockReserved").productId(2).orderId("o-1")),
                new OutboxEvent("order-events", "o-1", EventEnvelope.of("OrderCompleted").orderId("o-1")));
    }

    private List<Map<String, Object>> rows() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (var c = dataSource.getConnection();
                var rs = c.createStatement().executeQuery(
                        "SELECT event_id::text, topic, message_key, event_type, payload::text FROM outbox ORDER BY id")) {
            while (rs.next()) {
                rows.add(Map.of("event_id", rs.getString(1), "topic", rs.getString(2), "message_key", rs.getString(3),
                        "event_type", rs.getString(4), "payload", rs.getString(5)));
            }
        }
        return rows;
    }
}
