package io.caravan.common.outbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.common.events.EventEnvelope;
import io.caravan.common.rest.CaravanJson;
import io.caravan.testsupport.RouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay publishes pending rows in id order, keyed and routed per row, and marks them sent only after Kafka took them. */
class OutboxRelayRoutesTest extends RouteTestSupport {

    private final List<String> steps = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new OutboxRelayRoutes()};
    }

    @Override
    protected Properties extraProperties() {
        Properties properties = new Properties();
        properties.put("caravan.outbox.batch-size", "2");
        return properties;
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, "common-outbox-write", a ->
                a.weaveByToUri("sql:INSERT INTO outbox*").replace().to("mock:insert"));
        AdviceWith.adviceWith(context, "common-outbox-relay", a -> a.replaceFromWith("direct:relay"));
        AdviceWith.adviceWith(context, "common-outbox-relay-batch", a -> {
            a.weaveByToUri("sql:SELECT pg_try_advisory_xact_lock*").replace().to("mock:lock");
            a.weaveByToUri("sql:SELECT id, topic*").replace().to("mock:select");
            a.weaveByToUri("kafka:*").replace().to("mock:kafka");
            a.weaveByToUri("sql:UPDATE outbox*").replace().to("mock:mark");
        });
        AdviceWith.adviceWith(context, "common-outbox-cleanup", a -> {
            a.replaceFromWith("direct:cleanup");
            a.weaveByToUri("sql:*").replace().to("mock:cleanup");
        });
        context.start();
        lockAnswers(true);
        getMockEndpoint("mock:kafka").whenAnyExchangeReceived(e -> steps.add("kafka"));
        getMockEndpoint("mock:mark").whenAnyExchangeReceived(e -> steps.add("mark"));
    }

    @Test
    void shouldPublishRowsInIdOrderWithTopicAndKeyThenMarkThemSentWhenKafkaAcknowledges() throws Exception {
        selectAnswers(List.of(row(11, "user-events", "7", "{\"eventId\":\"a\"}"), row(12, "order-events", "o-1", "{\"eventId\":\"b\"}")),
                List.of(row(13, "user-events", "8", "{\"eventId\":\"c\"}")));
        MockEndpoint kafka = getMockEndpoint("mock:kafka");
        kafka.expectedMessageCount(2);
        MockEndpoint mark = getMockEndpoint("mock:mark");
        mark.expectedMessageCount(2);

        template.sendBody("direct:relay", null);

        MockEndpoint.assertIsSatisfied(context);
        List<Message> first = records(kafka, 0);
        assertThat(first).extracting(m -> m.getHeader(KafkaConstants.OVERRIDE_TOPIC)).containsExactly("user-events", "order-events");
        assertThat(first).extracting(m -> m.getHeader(KafkaConstants.KEY)).containsExactly("7", "o-1");
        assertThat(first).extracting(Message::getBody).containsExactly("{\"eventId\":\"a\"}", "{\"eventId\":\"b\"}");
        assertThat(mark.getExchanges().get(0).getMessage().getHeader(OutboxRelayRoutes.IDS)).isEqualTo(List.of(11L, 12L));
        // a full batch means there may be more: the relay goes on at once with the next one
        assertThat(records(kafka, 1)).extracting(m -> m.getHeader(KafkaConstants.KEY)).containsExactly("8");
        assertThat(mark.getExchanges().get(1).getMessage().getHeader(OutboxRelayRoutes.IDS)).isEqualTo(List.of(13L));
        assertThat(steps).containsExactly("kafka", "mark", "kafka", "mark");
    }

    @Test
    void shouldLeaveRowsUnmarkedWhenKafkaFails() throws Exception {
        selectAnswers(List.of(row(11, "user-events", "7", "{}")));
        getMockEndpoint("mock:kafka").whenAnyExchangeReceived(e -> {
            throw new org.apache.kafka.common.errors.TimeoutException("Topic user-events not present in metadata after 5000 ms");
        });
        getMockEndpoint("mock:kafka").expectedMessageCount(1);
        getMockEndpoint("mock:mark").expectedMessageCount(0);

        template.sendBody("direct:relay", null);

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldPublishNothingWhenAnotherRelayHoldsTheLock() throws Exception {
        lockAnswers(false);
        getMockEndpoint("mock:select").expectedMessageCount(0);
        getMockEndpoint("mock:kafka").expectedMessageCount(0);

        template.sendBody("direct:relay", null);

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldNotCallKafkaWhenNothingIsPending() throws Exception {
        selectAnswers(List.of());
        getMockEndpoint("mock:select").expectedMessageCount(1);
        getMockEndpoint("mock:kafka").expectedMessageCount(0);
        getMockEndpoint("mock:mark").expectedMessageCount(0);

        template.sendBody("direct:relay", null);

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldInsertEveryEventInOneStatementInTheirOrderAndKeepTheBodyWhenWriting() throws Exception {
        MockEndpoint insert = getMockEndpoint("mock:insert");
        insert.expectedMessageCount(1);
        OutboxEvent created = new OutboxEvent("user-events", "7", EventEnvelope.of("UserCreated").userId(7));
        OutboxEvent charged = new OutboxEvent("user-events", "7", EventEnvelope.of("PointCharged").userId(7).requestId("r-1"));

        var answer = template.request(Outbox.WRITE, e -> {
            e.getMessage().setBody("the user");
            Outbox.add(e, created);
            Outbox.add(e, charged);
        });

        MockEndpoint.assertIsSatisfied(context);
        JsonNode rows = CaravanJson.MAPPER.readTree(
                insert.getExchanges().get(0).getProperty(Outbox.ROWS, String.class));
        assertThat(rows).hasSize(2);
        assertRow(rows.get(0), created);
        assertRow(rows.get(1), charged);
        assertThat(answer.getMessage().getBody()).isEqualTo("the user");
        assertThat(answer.getProperty(Outbox.EVENTS)).isNull();
        assertThat(answer.getProperty(Outbox.ROWS)).isNull();
    }

    @Test
    void shouldInsertNothingWhenTheChangeHasNoEvent() throws Exception {
        getMockEndpoint("mock:insert").expectedMessageCount(0);

        var answer = template.request(Outbox.WRITE, e -> e.getMessage().setBody("the user"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(answer.getMessage().getBody()).isEqualTo("the user");
    }

    private static void assertRow(JsonNode row, OutboxEvent event) throws Exception {
        assertThat(row.path("eventId").asText()).isEqualTo(event.eventId());
        assertThat(row.path("topic").asText()).isEqualTo(event.topic());
        assertThat(row.path("key").asText()).isEqualTo(event.key());
        assertThat(row.path("eventType").asText()).isEqualTo(event.eventType());
        assertThat(row.path("payload")).isEqualTo(CaravanJson.MAPPER.readTree(event.payload()));
    }

    private void lockAnswers(boolean locked) {
        getMockEndpoint("mock:lock").whenAnyExchangeReceived(e -> e.getMessage().setBody(locked));
    }

    @SafeVarargs
    private void selectAnswers(List<Map<String, Object>>... batches) {
        MockEndpoint select = getMockEndpoint("mock:select");
        for (int i = 0; i < batches.length; i++) {
            List<Map<String, Object>> batch = batches[i];
            select.whenExchangeReceived(i + 1, e -> e.getMessage().setBody(new ArrayList<>(batch)));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Message> records(MockEndpoint kafka, int index) {
        return kafka.getExchanges().get(index).getMessage().getBody(List.class);
    }

    private static Map<String, Object> row(long id, String topic, String key, String payload) {
        return Map.of("id", id, "topic", topic, "message_key", key, "payload", payload);
    }
}
