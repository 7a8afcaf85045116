package io.caravan.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import io.caravan.common.consumer.EventConsumers;
import io.caravan.testsupport.Http;
import io.caravan.testsupport.ServiceTest;
import io.caravan.testsupport.TestPostgres;

import static io.caravan.user.NotificationRoutesTest.event;
import static io.caravan.user.UserMother.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications on a real PostgreSQL with a real push channel (a local HTTP server). Service tests run without
 * Kafka, so the consumer's steps after the Kafka endpoint (read the envelope, record, deliver) are driven
 * through their direct: routes, in the consumer route's order.
 */
@ServiceTest
class NotificationApiTest {

    static final List<String> PUSHED = new CopyOnWriteArrayList<>();
    /** What the push channel answers: 204 accepts, anything else refuses (and nothing is added to PUSHED). */
    static final AtomicInteger ANSWER = new AtomicInteger(204);
    static final HttpServer WEBHOOK = webhook();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "user");
        registry.add("caravan.notification.webhook-url", () -> "http://localhost:" + WEBHOOK.getAddress().getPort() + "/push");
        // the tests run the redelivery sweep themselves, and refused pushes must not open the channel's breaker
        registry.add("caravan.notification.redelivery.enabled", () -> "false");
        registry.add("camel.resilience4j.sliding-window-size", () -> "100");
        registry.add("camel.resilience4j.minimum-number-of-calls", () -> "100");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate camel;

    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
        PUSHED.clear();
        ANSWER.set(204);
    }

    @Test
    void shouldRecordAndPushOnceWhenAnEventIsDuplicated() throws Exception {
        long userId = newUser(http);
        String orderId = UUID.randomUUID().toString();
        String completed = event("OrderCompleted", orderId, String.valueOf(userId));

        consume(completed);
        consume(completed);
        consume(event("OrderCompleted", orderId, String.valueOf(userId)));

        String eventId = io.caravan.common.rest.CaravanJson.MAPPER.readTree(completed).path("eventId").asText();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                Integer.class, UserEndpoints.NOTIFICATION_GROUP, eventId)).as("the event's marker").isEqualTo(1);
        assertThat(PUSHED).hasSize(1);
        assertThat(PUSHED.get(0)).contains("\"type\":\"ORDER_COMPLETED\"").contains("\"orderId\":\"" + orderId + "\"")
                .contains("\"userId\":" + userId);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE order_id = ?::uuid AND delivered_at IS NOT NULL",
                Integer.class, orderId)).isEqualTo(1);
        var list = http.get("/users/" + userId + "/notifications");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).hasSize(1);
        assertThat(list.json().path("items").get(0).path("type").asText()).isEqualTo("ORDER_COMPLETED");
        assertThat(list.json().path("items").get(0).path("orderId").asText()).isEqualTo(orderId);
        assertThat(list.json().path("items").get(0).path("id").asLong()).isPositive();
        assertThat(list.json().path("items").get(0).path("createdAt").asText()).endsWith("Z");
    }

    @Test
    void shouldListNotificationsNewestFirst() {
        long userId = newUser(http);
        String failed = UUID.randomUUID().toString();
        String completed = UUID.randomUUID().toString();
        consume(event("OrderFailed", failed, String.valueOf(userId)));
        consume(event("OrderCompleted", completed, String.valueOf(userId)));

        var items = http.get("/users/" + userId + "/notifications").json().path("items");

        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("orderId").asText()).isEqualTo(completed);
        assertThat(items.get(1).path("type").asText()).isEqualTo("ORDER_FAILED");
        assertThat(http.get("/users/" + userId + "/notifications?limit=1").json().path("items")).hasSize(1);
        assertThat(PUSHED).hasSize(2);
    }

    @Test
    void shouldPushAgainWhatTheChannelRefusedOnceItIsBackAndDue() {
        String orderId = refusedNotification("OrderCompleted");

        Map<String, Object> row = notification(orderId);
        assertThat(row.get("delivered_at")).isNull();
        assertThat(row.get("push_attempts")).isEqualTo(0);
        // first due a minute after it was recorded (redelivery.first-delay-ms)
        assertThat((Double) row.get("due_in_s")).isBetween(50.0, 61.0);

        ANSWER.set(204);
        sweep();
        assertThat(PUSHED).isEmpty(); // not due yet

        makeDue(orderId);
        sweep();
        assertThat(PUSHED).hasSize(1);
        assertThat(PUSHED.get(0)).contains("\"orderId\":\"" + orderId + "\"").contains("\"type\":\"ORDER_COMPLETED\"");
        row = notification(orderId);
        assertThat(row.get("delivered_at")).isNotNull();
        assertThat(row.get("push_attempts")).isEqualTo(1);

        makeDue(orderId);
        sweep();
        assertThat(PUSHED).hasSize(1); // delivered: never pushed again
    }

    @Test
    void shouldDoubleTheWaitAfterEachRefusalAndGiveUpAfterTheLastAttempt() {
        String orderId = refusedNotification("OrderFailed");

        makeDue(orderId);
        sweep();
        assertThat(notification(orderId).get("push_attempts")).isEqualTo(1);
        assertThat((Double) notification(orderId).get("due_in_s")).isBetween(50.0, 61.0);

        makeDue(orderId);
        sweep();
        assertThat(notification(orderId).get("push_attempts")).isEqualTo(2);
        assertThat((Double) notification(orderId).get("due_in_s")).isBetween(110.0, 121.0);

        // the tenth attempt (redelivery.max-attempts) is the last: refused, the notification is not tried again
        jdbc.update("UPDATE notification SET push_attempts = 9 WHERE order_id = ?::uuid", orderId);
        makeDue(orderId);
        sweep();
        Map<String, Object> row = notification(orderId);
        assertThat(row.get("push_attempts")).isEqualTo(10);
        assertThat(row.get("due_in_s")).isNull();
        assertThat(row.get("delivered_at")).isNull();
        assertThat(PUSHED).isEmpty();
    }

    @Test
    void shouldRecordANotificationTheSweepNeverPushesWhenThereIsNoPushChannel() {
        long userId = newUser(http);
        String orderId = UUID.randomUUID().toString();

        camel.send("sql:classpath:sql/user/insert-notification.sql?outputType=SelectOne", e -> {
            e.getMessage().setHeader(EventConsumers.EVENT_ID, UUID.randomUUID().toString());
            e.setProperty(NotificationEvent.PROPERTY, new NotificationEvent("ORDER_COMPLETED", userId, orderId));
            e.setProperty(NotificationRoutes.FIRST_REDELIVERY_MS, -1L);
        });

        Map<String, Object> row = notification(orderId);
        assertThat(row.get("id")).isNotNull();
        assertThat(row.get("due_in_s")).isNull();
    }

    @Test
    void shouldSkipAnEventForAnUnknownUser() {
        String orderId = UUID.randomUUID().toString();

        consume(event("OrderFailed", orderId, "987654"));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE order_id = ?::uuid", Integer.class, orderId)).isZero();
        assertThat(PUSHED).isEmpty();
    }

    @Test
    void shouldAnswerNotFoundOrValidationFailedForTheList() {
        assertThat(http.get("/users/987654/notifications").code()).isEqualTo("USER_NOT_FOUND");
        assertThat(http.get("/users/987654/notifications").status()).isEqualTo(404);
        assertThat(http.get("/users/abc/notifications").status()).isEqualTo(400);
        assertThat(http.get("/users/1/notifications?limit=0").status()).isEqualTo(400);
    }

    /** The consumer route's steps after its Kafka endpoint (see NotificationRoutes). */
    private void consume(String record) {
        assertThat(recordAndDeliver(record)).isNull();
    }

    /** Records the notification of the event, then delivers it: the delivery's failure, if any (null: delivered). */
    private Exception recordAndDeliver(String record) {
        var exchange = camel.send(UserEndpoints.RECORD_NOTIFICATION, e -> {
            e.getMessage().setBody(record);
            EventConsumers.readEnvelope(e);
            e.setProperty(NotificationEvent.PROPERTY, NotificationEvent.from(e.getProperty(EventConsumers.EVENT,
                    io.caravan.common.events.EventEnvelope.class)));
        });
        assertThat(exchange.getException()).isNull();
        return camel.send(UserEndpoints.DELIVER_NOTIFICATION, exchange).getException();
    }

    /** A new user's notification for a new order, recorded while the channel refuses it: its order id. */
    private String refusedNotification(String eventType) {
        long userId = newUser(http);
        String orderId = UUID.randomUUID().toString();
        ANSWER.set(503);
        assertThat(recordAndDeliver(event(eventType, orderId, String.valueOf(userId)))).as("refused").isNotNull();
        return orderId;
    }

    private void sweep() {
        assertThat(camel.send(UserEndpoints.REDELIVER_NOTIFICATIONS, e -> {}).getException()).isNull();
    }

    private void makeDue(String orderId) {
        jdbc.update("UPDATE notification SET next_push_at = now() - interval '1 second' WHERE order_id = ?::uuid", orderId);
    }

    /** The notification of an order: id, delivered_at, push_attempts, and in how many seconds its next push is due. */
    private Map<String, Object> notification(String orderId) {
        return jdbc.queryForMap("SELECT id, delivered_at, push_attempts, "
                + "EXTRACT(EPOCH FROM next_push_at - now())::float8 AS due_in_s FROM notification WHERE order_id = ?::uuid", orderId);
    }

    private static HttpServer webhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/push", call -> {
                String body = new String(call.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int answer = ANSWER.get();
                if (answer == 204) {
                    PUSHED.add(body);
                }
                call.sendResponseHeaders(answer, -1);
                call.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
