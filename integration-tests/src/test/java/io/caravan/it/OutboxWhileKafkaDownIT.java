package io.caravan.it;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.caravan.localstack.LocalStack;
import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox's promise: Kafka being down delays events, never fails a request and never loses or repeats one.
 * A user-app of its own (own database, pointed at a port where no broker runs yet) takes requests while Kafka
 * is missing; then a broker starts on that port and every event arrives exactly once.
 */
class OutboxWhileKafkaDownIT {

    private static final int USERS = 20;
    private static final CaravanSystem caravan = CaravanSystem.get();

    private AppProcess userApp;
    private LocalStack lateKafka;

    @AfterEach
    void stopOwnInstances() throws Exception {
        if (userApp != null) {
            userApp.stop();
        }
        if (lateKafka != null) {
            lateKafka.close();
        }
    }

    @Test
    void shouldPublishEveryEventExactlyOnceWhenKafkaComesBackAfterRequests() throws Exception {
        int kafkaPort = CaravanSystem.freePort();
        String database = caravan.jdbcBaseUrl() + "/caravan_user_kafka_down_" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000);
        userApp = caravan.startInstance(App.USER, "user-app-kafka-down", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafkaPort,
                App.USER.databaseUrlVariable(), database));
        Http users = userApp.http();

        Set<String> userIds = new HashSet<>();
        for (int i = 0; i < USERS; i++) {
            Http.Response created = users.post("/users", "{\"name\":\"User " + i + "\",\"email\":\"kafka-down-" + i + "@example.com\"}");
            assertThat(created.status()).as("request %d while Kafka is down", i).isEqualTo(201);
            userIds.add(created.json().path("id").asText());
        }

        Http.Response health = users.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("components").path("kafka").path("status").asText()).isEqualTo("DEGRADED");
        assertThat(CaravanSystem.count(database, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")).isEqualTo(USERS);

        lateKafka = LocalStack.start(null, -1, kafkaPort);

        await("the outbox drained").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> CaravanSystem.count(database, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0);
        try (var events = KafkaTestConsumer.open(lateKafka.kafkaBootstrapServers(), "user-events")) {
            List<ConsumerRecord<String, String>> created = events.readToEnd(Duration.ofSeconds(30)).stream()
                    .filter(r -> "UserCreated".equals(KafkaTestConsumer.eventType(r)))
                    .toList();
            assertThat(created).hasSize(USERS);
            assertThat(created.stream().map(r -> KafkaTestConsumer.value(r).path("eventId").asText()).collect(Collectors.toSet()))
                    .as("distinct eventIds").hasSize(USERS);
            assertThat(created.stream().map(ConsumerRecord::key).collect(Collectors.toSet()))
                    .as("one record per user").isEqualTo(userIds);
            assertThat(created).allSatisfy(r -> assertThat(KafkaTestConsumer.value(r).path("userId").asText()).isEqualTo(r.key()));
        }
        await("kafka UP in health").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                "UP".equals(users.get("/actuator/health").json().path("components").path("kafka").path("status").asText()));
    }
}
