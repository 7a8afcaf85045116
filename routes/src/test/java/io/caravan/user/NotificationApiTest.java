package io.caravan.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

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
    static final HttpServer WEBHOOK = webhook();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "user");
        registry.add("caravan.notification.webhook-url", () -> "http://localhost:" + WEBHOOK.getAddress().getPort() + "/push");
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
    }

    @Test
    void shouldRecordAndPushOnceWhenAnEventIsDuplicated() {
        long userId = newUser(http);
        String orderId = UUID.randomUUID().toString();
        String completed = event("OrderCompleted", orderId, String.valueOf(userId));

        consume(completed);
        consume(completed);
        consume(event("OrderCompleted", orderId, String.valueOf(userId)));

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
        var exchange = camel.send(UserEndpoints.RECORD_NOTIFICATION_TX, e -> {
            e.getMessage().setBody(record);
            EventConsumers.readEnvelope(e);
            e.setProperty(NotificationEvent.PROPERTY, NotificationEvent.from(e.getProperty(EventConsumers.EVENT,
                    io.caravan.common.events.EventEnvelope.class)));
        });
        assertThat(exchange.getException()).isNull();
        exchange = camel.send(UserEndpoints.DELIVER_NOTIFICATION, exchange);
        assertThat(exchange.getException()).isNull();
    }

    private static HttpServer webhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/push", call -> {
                PUSHED.add(new String(call.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                call.sendResponseHeaders(204, -1);
                call.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
