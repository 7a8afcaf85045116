package io.caravan.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the events say about {@link BooksWorkload}'s orders: one OrderCompleted per completed order and one
 * OrderFailed per failed order on {@code order-events} (at least once: a repeated eventId is allowed, two eventIds
 * for one order's outcome are not), identifiers only; and what the consumers made of them: catalog's popular
 * products count exactly the completed quantities, user-app notifies exactly once per outcome, also when an
 * event is delivered again. Waits are bounded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsIT {

    static final Duration EVENTS_LIMIT = Duration.ofSeconds(60);
    static final Set<String> ENVELOPE_FIELDS =
            Set.of("eventId", "eventType", "orderId", "userId", "productId", "couponId", "requestId", "timestamp");
    /** The consumer groups of the order-events consumers (catalog sales, user notifications). */
    static final List<String> CONSUMER_GROUPS = List.of("catalog-app-sales", "user-app-notifications");

    private static final CaravanSystem caravan = CaravanSystem.get();
    private static BooksWorkload workload;
    private static Map<String, JsonNode> orders;
    /** Outcome records (OrderCompleted, OrderFailed) of the workload's orders, by orderId. */
    private static Map<String, List<ConsumerRecord<String, String>>> outcomes;

    @BeforeAll
    static void readOrderEvents() {
        workload = BooksWorkload.shared();
        // finished orders only: one left PENDING or COMPENSATING is reported by RandomWorkloadBooksIT
        orders = workload.ordersById().entrySet().stream()
                .filter(o -> Set.of("COMPLETED", "FAILED").contains(o.getValue().path("status").asText()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        try (var events = KafkaTestConsumer.open(caravan.kafkaBootstrapServers(), "order-events")) {
            // bounded: until every order's outcome was published (the test reports the missing ones), then up to the end
            try {
                events.pollUntil(read -> outcomesOf(read).keySet().containsAll(orders.keySet()), EVENTS_LIMIT);
            } catch (AssertionError e) {
                System.out.println("EventsIT: not every order's outcome was published within " + EVENTS_LIMIT);
            }
            outcomes = outcomesOf(events.readToEnd(EVENTS_LIMIT));
        }
    }

    private static Map<String, List<ConsumerRecord<String, String>>> outcomesOf(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .filter(r -> orders.containsKey(r.key()))
                .filter(r -> Set.of("OrderCompleted", "OrderFailed").contains(KafkaTestConsumer.eventType(r)))
                .collect(Collectors.groupingBy(ConsumerRecord::key));
    }

    @Test
    @Order(1)
    void shouldPublishExactlyOneOutcomeEventPerFinishedOrder() {
        workload.verify(() -> {
            SoftAssertions softly = new SoftAssertions();
            orders.forEach((orderId, order) -> {
                List<ConsumerRecord<String, String>> records = outcomes.getOrDefault(orderId, List.of());
                String expected = RandomWorkloadBooksIT.completed(order) ? "OrderCompleted" : "OrderFailed";
                softly.assertThat(records.stream().map(KafkaTestConsumer::eventType).collect(Collectors.toSet()))
                        .as("outcome events of %s order %s", order.path("status").asText(), orderId).containsExactly(expected);
                softly.assertThat(records.stream().map(r -> KafkaTestConsumer.value(r).path("eventId").asText()).collect(Collectors.toSet()))
                        .as("distinct eventIds of %s for order %s", expected, orderId).hasSize(1);
                records.forEach(r -> {
                    JsonNode event = KafkaTestConsumer.value(r);
                    softly.assertThat(event.path("orderId").asText()).as("orderId in the record keyed %s", r.key()).isEqualTo(orderId);
                    softly.assertThat(event.path("userId").asText()).as("userId of %s", orderId).isEqualTo(order.path("userId").asText());
                    softly.assertThat(event.path("requestId").asText()).as("requestId of %s", orderId).isEqualTo(order.path("requestId").asText());
                });
            });
            softly.assertAll();
        });
    }

    @Test
    @Order(2)
    void shouldCarryIdentifiersOnlyInOrderEvents() {
        workload.verify(() -> {
            assertThat(outcomes).as("outcome records read").isNotEmpty();
            SoftAssertions softly = new SoftAssertions();
            outcomes.values().stream().flatMap(List::stream).forEach(r -> {
                JsonNode event = KafkaTestConsumer.value(r);
                List<String> fields = new ArrayList<>();
                event.fieldNames().forEachRemaining(fields::add);
                softly.assertThat(fields).as("fields of %s", r.value()).isSubsetOf(ENVELOPE_FIELDS);
                softly.assertThat(r.value()).as("no amounts or names in %s", r.value())
                        .doesNotContain("Amount").doesNotContain("amount").doesNotContain("name").doesNotContain("Books ");
            });
            softly.assertAll();
        });
    }

    @Test
    @Order(3)
    void shouldCountCompletedQuantitiesInPopularProducts() {
        workload.verify(() -> {
            Map<Long, Long> sold = soldPerProduct();
            await("popular products count every completed order of the workload").atMost(EVENTS_LIMIT)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(popularSoldOf(sold.keySet())).isEqualTo(sold));
        });
    }

    @Test
    @Order(4)
    void shouldNotifyEveryUserOncePerOrderOutcome() {
        workload.verify(() -> await("one notification per order outcome").atMost(EVENTS_LIMIT).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    SoftAssertions softly = new SoftAssertions();
                    for (long userId : workload.userIds) {
                        softly.assertThat(notificationsOf(userId)).as("notifications of user %d (type/orderId)", userId)
                                .containsExactlyInAnyOrderElementsOf(expectedNotificationsOf(userId));
                    }
                    softly.assertAll();
                }));
    }

    /** At least once: the same OrderCompleted / OrderFailed records again change neither the sales nor the notifications. */
    @Test
    @Order(5)
    void shouldChangeNothingWhenOutcomeEventsAreDeliveredAgain() {
        workload.verify(() -> {
            Map<Long, Long> sold = soldPerProduct();
            assertThat(popularSoldOf(sold.keySet())).as("sales before the replay").isEqualTo(sold);
            List<ConsumerRecord<String, String>> replayed = outcomes.values().stream().flatMap(List::stream).limit(40).toList();
            assertThat(replayed).as("records to deliver again").isNotEmpty();
            try (var kafka = KafkaTestSupport.producer(caravan.kafkaBootstrapServers())) {
                for (ConsumerRecord<String, String> record : replayed) {
                    kafka.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("Could not deliver the records again", e);
            }
            KafkaTestSupport.awaitConsumed(caravan.kafkaBootstrapServers(), "order-events", CONSUMER_GROUPS, EVENTS_LIMIT);

            assertThat(popularSoldOf(sold.keySet())).as("sales after the replay").isEqualTo(sold);
            Set<Long> users = replayed.stream().map(r -> orders.get(r.key()).path("userId").asLong()).collect(Collectors.toSet());
            for (long userId : users) {
                assertThat(notificationsOf(userId)).as("notifications of user %d after the replay", userId)
                        .containsExactlyInAnyOrderElementsOf(expectedNotificationsOf(userId));
            }
        });
    }

    private static Map<Long, Long> soldPerProduct() {
        Map<Long, Long> sold = new HashMap<>();
        workload.products.forEach(p -> sold.put(p.id(), 0L));
        orders.values().stream().filter(RandomWorkloadBooksIT::completed).forEach(o -> o.path("items").forEach(
                i -> sold.merge(i.path("productId").asLong(), i.path("quantity").asLong(), Long::sum)));
        return sold;
    }

    /**
     * soldQuantity of these products in {@code GET /products/popular} (0 when not listed). {@code days=2}, not 1:
     * today and yesterday (UTC), so a run that crosses midnight still sees every sale of the workload.
     */
    static Map<Long, Long> popularSoldOf(Set<Long> productIds) {
        JsonNode items = BooksWorkload.get(caravan.http(App.CATALOG), "/products/popular?days=2&limit=100").path("items");
        assertThat(items.size()).as("popular products fit one page").isLessThan(100);
        Map<Long, Long> sold = new HashMap<>();
        productIds.forEach(id -> sold.put(id, 0L));
        items.forEach(i -> {
            if (productIds.contains(i.path("productId").asLong())) {
                sold.put(i.path("productId").asLong(), i.path("soldQuantity").asLong());
            }
        });
        return sold;
    }

    static List<String> notificationsOf(long userId) {
        JsonNode items = BooksWorkload.get(caravan.http(App.USER), "/users/" + userId + "/notifications?limit=100").path("items");
        assertThat(items.size()).as("notifications of user %d fit one page", userId).isLessThan(100);
        List<String> notifications = new ArrayList<>();
        items.forEach(n -> notifications.add(n.path("type").asText() + "/" + n.path("orderId").asText()));
        return notifications;
    }

    private static List<String> expectedNotificationsOf(long userId) {
        return orders.values().stream()
                .filter(o -> o.path("userId").asLong() == userId)
                .map(o -> (RandomWorkloadBooksIT.completed(o) ? "ORDER_COMPLETED/" : "ORDER_FAILED/") + o.path("orderId").asText())
                .toList();
    }
}
