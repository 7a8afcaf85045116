package io.caravan.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.model.Model;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.model.ToDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.common.consumer.DeadLetterRoutes;
import io.caravan.common.consumer.EventConsumerPolicy;
import io.caravan.common.consumer.EventConsumers;
import io.caravan.common.events.EventEnvelope;
import io.caravan.common.rest.CaravanJson;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.user.PointRoutesTest.json;
import static io.caravan.user.PointRoutesTest.status;
import static io.caravan.user.UserEndpoints.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order-events consumer with Kafka, SQL and the push channel mocked. The SQL mocks keep the state the real
 * statements keep (processed event ids, one notification per order and type, delivered or not), so duplicates
 * and redeliveries behave as they would on the database.
 */
class NotificationRoutesTest extends RouteTestSupport {

    static final String ORDER = "0b6d9d7e-5a0c-4b8e-9a53-2f9b1f3c7a11";
    static final String WEBHOOK_URL = "http://hooks.test/notify";
    static final long UNKNOWN_USER = 404;

    final Set<String> processed = ConcurrentHashMap.newKeySet();
    final Map<String, Map<String, Object>> notifications = new ConcurrentHashMap<>();
    final Set<Long> delivered = ConcurrentHashMap.newKeySet();
    final AtomicLong ids = new AtomicLong();

    @Override
    protected Properties extraProperties() {
        Properties properties = new Properties();
        properties.put("caravan.notification.webhook-url", WEBHOOK_URL);
        // the sweep's timer stays off; the tests run the sweep themselves
        properties.put("caravan.notification.redelivery.enabled", "false");
        return properties;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new EventConsumerPolicy(3, 1), new DeadLetterRoutes(),
            new UserRoutes(), new NotificationRoutes()};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, ROUTE_CREATE_USER_TX, a -> a.weaveByToUri("sql:*").replace().to("mock:unused-insert"));
        AdviceWith.adviceWith(context, ROUTE_GET_USER, a -> a.weaveByToUri("sql:*").replace().to("mock:unused-select"));
        AdviceWith.adviceWith(context, ROUTE_REQUIRE_USER, a -> a.weaveByToUri("sql:*").replace().to("mock:require-user"));
        AdviceWith.adviceWith(context, ROUTE_CONSUME_ORDER_EVENTS, a -> a.replaceFromWith("direct:order-events"));
        AdviceWith.adviceWith(context, ROUTE_RECORD_NOTIFICATION, a ->
                a.weaveByToUri("sql:classpath:sql/user/insert-notification.sql*").replace()
                        .to("mock:insert-notification"));
        AdviceWith.adviceWith(context, ROUTE_DELIVER_NOTIFICATION, a ->
                a.weaveByToUri("sql:classpath:sql/user/select-undelivered-notification.sql*").replace().to("mock:select-undelivered"));
        AdviceWith.adviceWith(context, ROUTE_SEND_NOTIFICATION, a ->
                a.weaveByToUri("sql:UPDATE notification*").replace().to("mock:mark-delivered"));
        AdviceWith.adviceWith(context, ROUTE_REDELIVER_NOTIFICATIONS, a ->
                a.weaveByToUri("sql:classpath:sql/user/claim-due-notifications.sql*").replace().to("mock:claim-due"));
        AdviceWith.adviceWith(context, ROUTE_PUSH_NOTIFICATION,
                a -> a.weaveByType(ToDefinition.class).replace().to("mock:webhook"));
        AdviceWith.adviceWith(context, ROUTE_LIST_NOTIFICATIONS, a ->
                a.weaveByToUri("sql:classpath:sql/user/select-notifications.sql*").replace().to("mock:select-notifications"));
        AdviceWith.adviceWith(context, "common-dead-letter", a -> a.weaveByToUri("kafka:*").replace().to("mock:dead-letter"));
        fakeDatabase();
        webhookAccepts(getMockEndpoint("mock:webhook"));
        // the breaker of caravan-common.yml, scaled down: it opens once six calls out of six failed
        context.getCamelContextExtension().getContextPlugin(Model.class).setResilience4jConfiguration(
                new Resilience4jConfigurationDefinition().slidingWindowSize(6).minimumNumberOfCalls(6)
                        .failureRateThreshold(100f).waitDurationInOpenState(60));
        context.start();
    }

    @Test
    void shouldPushOnceWhenTheSameEventOrAnotherCopyOfItArrivesAgain() throws Exception {
        MockEndpoint webhook = getMockEndpoint("mock:webhook");
        webhook.expectedMessageCount(1);
        String event = event("OrderCompleted", ORDER, "7");

        consume(event);
        consume(event);
        consume(event("OrderCompleted", ORDER, "7"));

        webhook.assertIsSatisfied();
        Exchange push = webhook.getExchanges().get(0);
        JsonNode body = CaravanJson.MAPPER.readTree(push.getMessage().getBody(String.class));
        assertThat(body.path("notificationId").asLong()).isEqualTo(1);
        assertThat(body.path("type").asText()).isEqualTo("ORDER_COMPLETED");
        assertThat(body.path("userId").asLong()).isEqualTo(7);
        assertThat(body.path("orderId").asText()).isEqualTo(ORDER);
        assertThat(push.getMessage().getHeader(Exchange.HTTP_METHOD, String.class)).isEqualTo("POST");
        assertThat(push.getMessage().getHeaders()).doesNotContainKeys(KafkaConstants.TOPIC, EventConsumers.EVENT_ID);
        assertThat(notifications).hasSize(1);
        assertThat(delivered).containsExactly(1L);
        assertThat(getMockEndpoint("mock:dead-letter").getReceivedCounter()).isZero();
    }

    @Test
    void shouldNotifyEachOutcomeOfAnOrderOnce() throws Exception {
        MockEndpoint webhook = getMockEndpoint("mock:webhook");
        webhook.expectedMessageCount(2);

        consume(event("OrderFailed", ORDER, "7"));
        consume(event("OrderCompleted", ORDER, "7"));

        webhook.assertIsSatisfied();
        assertThat(notifications.keySet()).containsExactlyInAnyOrder(ORDER + "/ORDER_FAILED", ORDER + "/ORDER_COMPLETED");
        // a notification just recorded is pushed as the insert answered it, without reading it back
        assertThat(getMockEndpoint("mock:select-undelivered").getReceivedCounter()).isZero();
    }

    @Test
    void shouldRetryAFailingWebhookThenDeadLetterTheOriginalRecordAndDeliverOnItsNextConsumption() throws Exception {
        MockEndpoint webhook = getMockEndpoint("mock:webhook");
        webhook.whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("push channel answered 503");
        });
        MockEndpoint deadLetter = getMockEndpoint("mock:dead-letter");
        deadLetter.expectedMessageCount(1);
        String event = event("OrderCompleted", ORDER, "7");

        consume(event);

        deadLetter.assertIsSatisfied();
        assertThat(webhook.getReceivedCounter()).isEqualTo(4);
        Exchange dead = deadLetter.getExchanges().get(0);
        assertThat(dead.getMessage().getBody(String.class)).isEqualTo(event);
        assertThat(dead.getMessage().getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("order-events.DLT");
        assertThat(dead.getMessage().getHeader("caravan-failure-message", String.class)).contains("unavailable");
        assertThat(notifications).hasSize(1);
        assertThat(delivered).isEmpty();

        // the record replayed (e.g. from the dead-letter topic) once the channel is back: delivered now, once
        webhook.reset();
        webhookAccepts(webhook);
        webhook.expectedMessageCount(1);
        consume(event);
        consume(event);
        webhook.assertIsSatisfied();
        assertThat(delivered).containsExactly(1L);
    }

    @Test
    void shouldStopCallingAFailingChannelOnceItsBreakerOpens() throws Exception {
        MockEndpoint webhook = getMockEndpoint("mock:webhook");
        webhook.whenAnyExchangeReceived(e -> e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503));
        MockEndpoint deadLetter = getMockEndpoint("mock:dead-letter");
        deadLetter.expectedMessageCount(2);

        consume(event("OrderCompleted", ORDER, "7"));
        consume(event("OrderFailed", ORDER, "7"));

        deadLetter.assertIsSatisfied();
        // four attempts of the first record and two of the second reached the channel; then the breaker opened
        assertThat(webhook.getReceivedCounter()).isEqualTo(6);
        assertThat(deadLetter.getExchanges().get(1).getMessage().getHeader("caravan-failure-message", String.class))
                .contains("circuit breaker is open");
        assertThat(notifications).hasSize(2);
        assertThat(delivered).isEmpty();
    }

    @Test
    void shouldPushEveryClaimedNotificationAgainAndMarkOnlyTheAcceptedOnesDelivered() throws Exception {
        MockEndpoint claim = getMockEndpoint("mock:claim-due");
        claim.whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(
                Map.of("id", 11L, "type", "ORDER_COMPLETED", "user_id", 7L, "order_id", ORDER, "push_attempts", 2),
                Map.of("id", 12L, "type", "ORDER_FAILED", "user_id", 8L, "order_id", ORDER, "push_attempts", 1))));
        MockEndpoint webhook = getMockEndpoint("mock:webhook");
        // the channel refuses the first one, accepts the second
        webhook.whenAnyExchangeReceived(e -> e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE,
                e.getMessage().getBody(String.class).contains("\"notificationId\":11") ? 500 : 204));

        Exchange sweep = template.send(REDELIVER_NOTIFICATIONS, e -> {});

        assertThat(sweep.getException()).isNull();
        assertThat(webhook.getReceivedCounter()).isEqualTo(2);
        assertThat(delivered).containsExactly(12L);
        // the claim reads its settings from the body: the defaults here
        assertThat(claim.getReceivedExchanges().get(0).getMessage().getBody(Map.class)).containsEntry("batchSize", 100)
                .containsEntry("firstDelayMs", 60000L).containsEntry("maxDelayMs", 3600000L).containsEntry("maxAttempts", 10);
        assertThat(getMockEndpoint("mock:dead-letter").getReceivedCounter()).isZero();
    }

    @Test
    void shouldRecordWhenTheSweepMayFirstPushANotification() throws Exception {
        MockEndpoint insert = getMockEndpoint("mock:insert-notification");

        consume(event("OrderCompleted", ORDER, "7"));

        assertThat(insert.getReceivedExchanges().get(0).getProperty(NotificationRoutes.FIRST_REDELIVERY_MS)).isEqualTo(60000L);
    }

    @Test
    void shouldRecordAndPushNothingWhenTheUserIsUnknown() throws Exception {
        getMockEndpoint("mock:webhook").expectedMessageCount(0);

        consume(event("OrderFailed", ORDER, String.valueOf(UNKNOWN_USER)));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(notifications).isEmpty();
        assertThat(processed).hasSize(1);
    }

    @Test
    void shouldIgnoreOtherOrderEvents() throws Exception {
        getMockEndpoint("mock:insert-notification").expectedMessageCount(0);
        getMockEndpoint("mock:webhook").expectedMessageCount(0);

        consume(event("OrderCreated", ORDER, "7"));
        consume(event("CouponUsed", ORDER, "7"));

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldDeadLetterAnEventThatCannotBeRead() throws Exception {
        MockEndpoint deadLetter = getMockEndpoint("mock:dead-letter");
        deadLetter.expectedMessageCount(2);
        getMockEndpoint("mock:insert-notification").expectedMessageCount(0);

        consume(event("OrderCompleted", "not-a-uuid", "7"));
        consume("{\"not\":\"an event\"}");

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldListNotificationsWhenTheUserExists() throws Exception {
        getMockEndpoint("mock:require-user").whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("id", 7L)));
        Timestamp at = Timestamp.from(Instant.parse("2026-11-23T10:00:00Z"));
        getMockEndpoint("mock:select-notifications").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(
                Map.of("id", 2L, "type", "ORDER_FAILED", "order_id", ORDER, "created_at", at),
                Map.of("id", 1L, "type", "ORDER_COMPLETED", "order_id", ORDER, "created_at", at))));

        Exchange answer = template.request(LIST_NOTIFICATIONS, e -> e.getMessage().setHeader("userId", "7"));

        assertThat(status(answer)).isEqualTo(200);
        JsonNode items = json(answer).path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("id").asLong()).isEqualTo(2);
        assertThat(items.get(0).path("type").asText()).isEqualTo("ORDER_FAILED");
        assertThat(items.get(0).path("orderId").asText()).isEqualTo(ORDER);
        assertThat(items.get(0).path("createdAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void shouldAnswerUserNotFoundForNotificationsOfAnUnknownUser() throws Exception {
        getMockEndpoint("mock:require-user").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        getMockEndpoint("mock:select-notifications").expectedMessageCount(0);

        Exchange answer = template.request(LIST_NOTIFICATIONS, e -> e.getMessage().setHeader("userId", "7"));

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("USER_NOT_FOUND");
        assertThat(status(template.request(LIST_NOTIFICATIONS, e -> e.getMessage().setHeader("userId", "x")))).isEqualTo(400);
        MockEndpoint.assertIsSatisfied(context);
    }

    private void consume(String record) {
        template.send("direct:order-events", e -> {
            e.getMessage().setBody(record);
            e.getMessage().setHeader(KafkaConstants.TOPIC, "order-events");
            e.getMessage().setHeader(KafkaConstants.OFFSET, 42L);
        });
    }

    static String event(String type, String orderId, String userId) {
        return CaravanJson.write(EventEnvelope.of(type).orderId(orderId).userId(userId).requestId("r-1"));
    }

    /** What the real statements do, kept in memory: the marker, the unique (order, type), delivered_at. */
    private void fakeDatabase() {
        getMockEndpoint("mock:insert-notification").whenAnyExchangeReceived(e -> {
            NotificationEvent event = e.getProperty(NotificationEvent.PROPERTY, NotificationEvent.class);
            String key = event.orderId() + "/" + event.type();
            boolean firstDelivery = processed.add(e.getMessage().getHeader(EventConsumers.EVENT_ID, String.class));
            if (!firstDelivery || event.userId() == UNKNOWN_USER || notifications.containsKey(key)) {
                e.getMessage().setBody(null);
                return;
            }
            Map<String, Object> row = new HashMap<>(Map.of("id", ids.incrementAndGet(), "type", event.type(),
                    "user_id", event.userId(), "order_id", event.orderId()));
            notifications.put(key, row);
            e.getMessage().setBody(new HashMap<>(row));
        });
        getMockEndpoint("mock:select-undelivered").whenAnyExchangeReceived(e -> {
            NotificationEvent event = e.getProperty(NotificationEvent.PROPERTY, NotificationEvent.class);
            Map<String, Object> row = notifications.get(event.orderId() + "/" + event.type());
            e.getMessage().setBody(row == null || delivered.contains((Long) row.get("id")) ? null : row);
        });
        getMockEndpoint("mock:mark-delivered").whenAnyExchangeReceived(e ->
                delivered.add((Long) e.getProperty("notification", Map.class).get("id")));
    }

    /** The push channel's stand-in accepts every notification, as a webhook does with a 2xx. */
    private static void webhookAccepts(MockEndpoint webhook) {
        webhook.whenAnyExchangeReceived(e -> e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204));
    }
}
