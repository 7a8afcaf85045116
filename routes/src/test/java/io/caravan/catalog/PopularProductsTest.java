package io.caravan.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.common.consumer.EventConsumers;
import io.caravan.common.events.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sales consumer's record route (what the order-events consumer runs for each OrderCompleted) driven with a
 * ProducerTemplate, and GET /products/popular over what it recorded: duplicate events, two events for one order,
 * orders outside the window, ties, and orders whose reservation is not confirmed (yet).
 */
class PopularProductsTest extends CatalogServiceTestBase {

    @Autowired
    ProducerTemplate template;

    @BeforeEach
    void noSalesYet() {
        jdbc.update("DELETE FROM product_daily_sales");
    }

    @Test
    void shouldRankCompletedOrdersOfTheLastDaysCountingEachOrderOnce() {
        long p1 = createProduct("Popular one", 100, 1000);
        long p2 = createProduct("Popular two", 200, 1000);
        long p3 = createProduct("Popular three", 300, 1000);
        long p4 = createProduct("Popular long ago", 400, 1000);
        long p5 = createProduct("Popular five", 500, 1000);
        String o1 = completedOrder(p1, 5, p2, 3);
        String o2 = completedOrder(p2, 2, p3, 6);
        String o3 = completedOrder(p4, 100);
        String o4 = completedOrder(p5, 7);
        String o5 = completedOrder(p1, 4);

        String e1 = UUID.randomUUID().toString();
        assertThat(orderCompleted(e1, o1, daysAgo(0)).getException()).isNull();
        assertThat(orderCompleted(e1, o1, daysAgo(0)).getException()).as("the same event again").isNull();
        assertThat(orderCompleted(UUID.randomUUID().toString(), o1, daysAgo(0)).getException()).as("another event, same order").isNull();
        orderCompleted(UUID.randomUUID().toString(), o2, daysAgo(1));
        orderCompleted(UUID.randomUUID().toString(), o3, daysAgo(10));
        orderCompleted(UUID.randomUUID().toString(), o4, daysAgo(2));
        orderCompleted(UUID.randomUUID().toString(), o5, daysAgo(3));

        // last 3 days: p5 7, p3 6, p1 5, p2 5 (tie: lower id first); p1's 4 three days ago and p4 are outside
        JsonNode threeDays = popular("days=3&limit=5");
        assertThat(ranking(threeDays)).containsExactly(p5, p3, p1, p2);
        assertThat(threeDays.get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(threeDays.get(0).path("name").asText()).isEqualTo("Popular five");
        assertThat(threeDays.get(0).path("price").asLong()).isEqualTo(500);
        assertThat(threeDays.get(0).path("soldQuantity").asLong()).isEqualTo(7);
        assertThat(threeDays.get(2).path("rank").asInt()).isEqualTo(3);
        assertThat(threeDays.get(2).path("soldQuantity").asLong()).isEqualTo(5);
        assertThat(threeDays.get(3).path("rank").asInt()).isEqualTo(4);
        assertThat(threeDays.get(3).path("soldQuantity").asLong()).isEqualTo(5);
        assertThat(ranking(popular(""))).as("defaults days=3, limit=5").containsExactly(p5, p3, p1, p2);
        assertThat(ranking(popular("days=3&limit=2"))).containsExactly(p5, p3);
        assertThat(ranking(popular("days=1"))).containsExactly(p1, p2);
        assertThat(ranking(popular("days=4"))).containsExactly(p1, p5, p3, p2);
        assertThat(popular("days=4").get(0).path("soldQuantity").asLong()).isEqualTo(9);
        assertThat(ranking(popular("days=30&limit=1"))).containsExactly(p4);
        assertThat(count("SELECT count(*) FROM stock_reservation WHERE sales_counted_at IS NOT NULL AND order_id = CAST(? AS uuid)", o1))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = ?", e1))
                .as("one marker, written with the count").isEqualTo(1);
    }

    @Test
    void shouldFailAndRecordNothingWhileTheReservationIsNotConfirmedThenCountItOnceConfirmed() {
        long product = createProduct("Pending sale", 100, 10);
        String orderId = newOrderId();
        assertThat(reserve(orderId, product, 2).status()).isEqualTo(200);
        String eventId = UUID.randomUUID().toString();

        Exchange early = orderCompleted(eventId, orderId, daysAgo(0));

        assertThat(early.getException()).isInstanceOf(IllegalStateException.class).hasMessageContaining("RESERVED");
        assertThat(popular("days=1")).isEmpty();
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId)).as("retried later").isZero();

        assertThat(confirm(orderId).status()).isEqualTo(200);
        Exchange retried = orderCompleted(eventId, orderId, daysAgo(0));

        assertThat(retried.getException()).isNull();
        assertThat(ranking(popular("days=1"))).containsExactly(product);
        assertThat(popular("days=1").get(0).path("soldQuantity").asLong()).isEqualTo(2);
        // add-daily-sales.sql writes the marker under the consumer's name itself
        assertThat(count("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                CatalogEndpoints.SALES_CONSUMER, eventId)).isEqualTo(1);
    }

    @Test
    void shouldFailForAnUnknownOrReleasedOrderOrAnEventWithoutOrderId() {
        long product = createProduct("Never sold", 100, 10);
        String released = newOrderId();
        reserve(released, product, 1);
        release(released);

        Exchange unknown = orderCompleted(UUID.randomUUID().toString(), newOrderId(), daysAgo(0));
        Exchange wasReleased = orderCompleted(UUID.randomUUID().toString(), released, daysAgo(0));
        Exchange noOrder = orderCompleted(UUID.randomUUID().toString(), null, daysAgo(0));

        assertThat(unknown.getException()).isInstanceOf(IllegalStateException.class).hasMessageContaining("No stock reservation");
        assertThat(wasReleased.getException()).isInstanceOf(IllegalStateException.class).hasMessageContaining("RELEASED");
        assertThat(noOrder.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(popular("days=30")).isEmpty();
    }

    /** A reserved and confirmed order of productId, quantity pairs. */
    private String completedOrder(long... productAndQuantity) {
        String orderId = newOrderId();
        assertThat(reserve(orderId, productAndQuantity).status()).isEqualTo(200);
        assertThat(confirm(orderId).status()).isEqualTo(200);
        return orderId;
    }

    private static Instant daysAgo(int days) {
        return LocalDate.now(ZoneOffset.UTC).minusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    /** What the order-events consumer hands its record route for one OrderCompleted record. */
    private Exchange orderCompleted(String eventId, String orderId, Instant timestamp) {
        EventEnvelope event = new EventEnvelope(eventId, "OrderCompleted", orderId, "1", null, null, null, timestamp);
        return template.send(CatalogEndpoints.RECORD_SALES, e -> {
            e.setProperty(EventConsumers.EVENT, event);
            e.getMessage().setHeader(EventConsumers.EVENT_ID, eventId);
            e.getMessage().setHeader(EventConsumers.EVENT_TYPE, "OrderCompleted");
        });
    }

    private JsonNode popular(String query) {
        var answer = http.get("/products/popular" + (query.isEmpty() ? "" : "?" + query));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("items");
    }

    private static List<Long> ranking(JsonNode items) {
        List<Long> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("productId").asLong()));
        return ids;
    }
}
