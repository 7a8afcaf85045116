package io.caravan.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison record on {@code order-events} (not JSON; an OrderCompleted whose orderId is not a UUID) ahead of a
 * real order's events on every partition: each consumer retries it, dead-letters it to {@code order-events.DLT}
 * with the failure in {@code caravan-failure-*} headers, and goes on: the real order is still counted and notified.
 */
class PoisonRecordIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final CaravanSystem caravan = CaravanSystem.get();

    @Test
    void shouldDeadLetterPoisonRecordsAndStillProcessTheRecordsBehindThem() throws Exception {
        String marker = UUID.randomUUID().toString();
        Http.Response product = caravan.http(App.CATALOG).post("/products", "{\"name\":\"Poison " + marker + "\",\"price\":1000,\"stock\":10}");
        Http.Response user = caravan.http(App.USER).post("/users", "{\"name\":\"Poison\",\"email\":\"poison-" + marker + "@example.com\"}");
        assertThat(product.status()).as(product.body()).isEqualTo(201);
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        long productId = product.json().path("id").asLong();
        long userId = user.json().path("id").asLong();

        // one of each poison on every partition, so whichever partition the real order's events land on, poison is ahead
        Map<String, Long> poisonOffsets = new HashMap<>();
        try (KafkaProducer<String, String> kafka = KafkaTestSupport.producer(caravan.kafkaBootstrapServers())) {
            int partitions = kafka.partitionsFor("order-events").size();
            for (int p = 0; p < partitions; p++) {
                String notJson = "poison-" + marker + "-" + p + " {this is not JSON";
                String unusable = ("{\"eventId\":\"%s\",\"eventType\":\"OrderCompleted\",\"orderId\":\"not-a-uuid\",\"userId\":\"%d\","
                        + "\"requestId\":\"poison-%s-%d\",\"timestamp\":\"%s\"}").formatted(UUID.randomUUID(), userId, marker, p, Instant.now());
                for (String value : List.of(notJson, unusable)) {
                    RecordMetadata sent = kafka.send(new ProducerRecord<>("order-events", p, "poison-" + marker, value)).get();
                    poisonOffsets.put(value, sent.offset());
                }
            }
        }

        Http.Response order = caravan.http(App.ORDER).post("/orders", ("{\"userId\":%d,\"items\":[{\"productId\":%d,\"quantity\":2}],"
                + "\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}").formatted(userId, productId));
        assertThat(order.status()).as("order answer %s", order.body()).isEqualTo(201);
        String orderId = order.json().path("orderId").asText();

        await("the order behind the poison is notified").atMost(LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> EventsIT.notificationsOf(userId), n -> n.contains("ORDER_COMPLETED/" + orderId));
        await("the order behind the poison is counted").atMost(LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> EventsIT.popularSoldOf(Set.of(productId)).get(productId), sold -> sold == 2L);

        try (var deadLetters = KafkaTestConsumer.open(caravan.kafkaBootstrapServers(), "order-events.DLT")) {
            // each poison record dead-lettered by both order-events consumers: catalog's sales and user's notifications
            List<ConsumerRecord<String, String>> dlt = deadLetters.pollUntil(read -> poisonOffsets.keySet().stream()
                    .allMatch(value -> servicesThatDeadLettered(read, value).containsAll(Set.of("catalog", "user"))), LIMIT);
            for (Map.Entry<String, Long> poison : poisonOffsets.entrySet()) {
                List<ConsumerRecord<String, String>> copies = dlt.stream().filter(r -> poison.getKey().equals(r.value())).toList();
                assertThat(copies).as("dead letters of %s", poison.getKey()).allSatisfy(r -> {
                    assertThat(header(r, "caravan-failure-topic")).isEqualTo("order-events");
                    assertThat(header(r, "caravan-failure-offset")).isEqualTo(String.valueOf(poison.getValue()));
                    assertThat(header(r, "caravan-failure-exception")).isNotBlank().isNotEqualTo("unknown");
                    assertThat(header(r, "caravan-failure-message")).isNotBlank();
                    assertThat(header(r, "caravan-failure-route")).isNotBlank();
                });
            }
        }
        assertThat(EventsIT.notificationsOf(userId)).as("notifications of the user named by the poison").containsExactly("ORDER_COMPLETED/" + orderId);
    }

    /** The service part ("catalog", "user", "order") of the failure route of every dead letter of this value. */
    private static Set<String> servicesThatDeadLettered(List<ConsumerRecord<String, String>> read, String value) {
        return read.stream().filter(r -> value.equals(r.value()))
                .map(r -> String.valueOf(header(r, "caravan-failure-route")).split("-")[0])
                .collect(Collectors.toSet());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
