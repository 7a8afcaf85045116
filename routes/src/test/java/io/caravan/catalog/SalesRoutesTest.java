package io.caravan.catalog;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.sql.SqlConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caravan.common.consumer.DeadLetterRoutes;
import io.caravan.common.consumer.EventConsumerPolicy;
import io.caravan.common.consumer.EventConsumers;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.catalog.CatalogEndpoints.*;
import static io.caravan.catalog.CatalogMother.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The order-events sales consumer, its record route and the popular-products query, with Kafka and SQL mocked. */
class SalesRoutesTest extends RouteTestSupport {

    private static final String ORDERS = "direct:order-events";

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new EventConsumerPolicy(2, 1), new DeadLetterRoutes(), new SalesRoutes()};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, ROUTE_CONSUME_SALES, a -> {
            a.replaceFromWith(ORDERS);
            a.weaveByToUri(RECORD_SALES).replace().to("mock:record-sales");
        });
        AdviceWith.adviceWith(context, "common-dead-letter", a -> a.weaveByToUri("kafka:*").replace().to("mock:dead-letter"));
        AdviceWith.adviceWith(context, ROUTE_RECORD_SALES, a -> {
            a.weaveByToUri("sql:classpath:sql/catalog/add-daily-sales.sql*").replace().to("mock:add-sales");
            a.weaveByToUri("sql:SELECT status.*").replace().to("mock:read-reservation");
        });
        AdviceWith.adviceWith(context, ROUTE_POPULAR_PRODUCTS, a -> a.weaveByToUri("sql:*").replace().to("mock:popular"));
        context.start();
    }

    @Test
    void shouldRecordOrderCompletedEvents() throws Exception {
        MockEndpoint record = getMockEndpoint("mock:record-sales");
        record.expectedMessageCount(1);
        getMockEndpoint("mock:dead-letter").expectedMessageCount(0);

        template.sendBody(ORDERS, event("OrderCompleted", ORDER_ID, "2026-11-23T10:00:00Z"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(record.getExchanges().get(0).getMessage().getHeader(EventConsumers.EVENT_ID)).isEqualTo("e-1");
    }

    @Test
    void shouldIgnoreOtherOrderEvents() throws Exception {
        getMockEndpoint("mock:record-sales").expectedMessageCount(0);
        getMockEndpoint("mock:dead-letter").expectedMessageCount(0);

        template.sendBody(ORDERS, event("OrderFailed", ORDER_ID, "2026-11-23T10:00:00Z"));
        template.sendBody(ORDERS, event("OrderCreated", ORDER_ID, "2026-11-23T10:00:00Z"));

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldRetryThenDeadLetterWhenRecordingKeepsFailing() throws Exception {
        MockEndpoint record = getMockEndpoint("mock:record-sales");
        record.whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("reservation not confirmed yet");
        });
        record.expectedMessageCount(3);
        MockEndpoint deadLetter = getMockEndpoint("mock:dead-letter");
        deadLetter.expectedMessageCount(1);

        template.sendBody(ORDERS, event("OrderCompleted", ORDER_ID, "2026-11-23T10:00:00Z"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader("caravan-failure-message", String.class))
                .contains("not confirmed yet");
    }

    @Test
    void shouldAddTheOrdersQuantitiesForTheEventsUtcDay() throws Exception {
        MockEndpoint add = getMockEndpoint("mock:add-sales");
        add.whenAnyExchangeReceived(e -> e.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 2));
        getMockEndpoint("mock:read-reservation").expectedMessageCount(0);

        Exchange result = recordSales(ORDER_ID, "2026-11-23T23:59:59Z");

        assertThat(result.getException()).isNull();
        assertThat(add.getExchanges()).hasSize(1);
        assertThat(add.getExchanges().get(0).getMessage().getHeader("orderId")).isEqualTo(ORDER_ID);
        assertThat(add.getExchanges().get(0).getMessage().getHeader("salesDay")).isEqualTo("2026-11-23");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldSucceedWithoutAddingWhenTheOrderWasCountedBefore() throws Exception {
        // the same event again, or another event of the same order: the statement claimed nothing
        getMockEndpoint("mock:add-sales").whenAnyExchangeReceived(e -> e.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 0));
        MockEndpoint read = getMockEndpoint("mock:read-reservation");
        read.whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("status", "CONFIRMED", "counted", true)));
        read.expectedMessageCount(1);

        Exchange result = recordSales(ORDER_ID, "2026-11-23T10:00:00Z");

        assertThat(result.getException()).isNull();
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldFailWhenTheReservationIsNotConfirmedYet() throws Exception {
        getMockEndpoint("mock:add-sales").whenAnyExchangeReceived(e -> e.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 0));
        getMockEndpoint("mock:read-reservation").whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("status", "RESERVED", "counted", false)));

        Exchange result = recordSales(ORDER_ID, "2026-11-23T10:00:00Z");

        assertThat(result.getException()).isInstanceOf(IllegalStateException.class).hasMessageContaining("RESERVED");
    }

    @Test
    void shouldFailWhenTheReservationIsUnknown() throws Exception {
        getMockEndpoint("mock:add-sales").whenAnyExchangeReceived(e -> e.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 0));
        getMockEndpoint("mock:read-reservation").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));

        Exchange result = recordSales(ORDER_ID, "2026-11-23T10:00:00Z");

        assertThat(result.getException()).isInstanceOf(IllegalStateException.class).hasMessageContaining("No stock reservation");
    }

    @Test
    void shouldFailWithoutAddingWhenTheEventHasNoValidOrderId() throws Exception {
        getMockEndpoint("mock:add-sales").expectedMessageCount(0);

        Exchange result = recordSales("order-1", "2026-11-23T10:00:00Z");

        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldRankPopularProductsFromOne() throws Exception {
        MockEndpoint popular = getMockEndpoint("mock:popular");
        popular.whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(
                Map.of("product_id", 8L, "name", "Top", "price", 100L, "sold_quantity", 12L),
                Map.of("product_id", 3L, "name", "Second", "price", 50L, "sold_quantity", 7L))));

        Exchange answer = template.request(POPULAR_PRODUCTS, e -> e.getMessage().setHeader("days", "7"));

        assertThat(status(answer)).isEqualTo(200);
        var items = json(answer).path("items");
        assertThat(items.get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(items.get(0).path("productId").asLong()).isEqualTo(8);
        assertThat(items.get(0).path("soldQuantity").asLong()).isEqualTo(12);
        assertThat(items.get(1).path("rank").asInt()).isEqualTo(2);
        assertThat(items.get(1).path("name").asText()).isEqualTo("Second");
        assertThat(popular.getExchanges().get(0).getMessage().getHeader("days")).isEqualTo(7);
        assertThat(popular.getExchanges().get(0).getMessage().getHeader("limit")).isEqualTo(5);
    }

    @Test
    void shouldAnswerValidationFailedWithoutQueryingWhenDaysOrLimitIsOutOfRange() throws Exception {
        getMockEndpoint("mock:popular").expectedMessageCount(0);

        Exchange days = template.request(POPULAR_PRODUCTS, e -> e.getMessage().setHeader("days", "31"));
        Exchange limit = template.request(POPULAR_PRODUCTS, e -> e.getMessage().setHeader("limit", "0"));

        assertThat(status(days)).isEqualTo(400);
        assertThat(json(days).path("errors").get(0).path("field").asText()).isEqualTo("days");
        assertThat(status(limit)).isEqualTo(400);
        assertThat(json(limit).path("errors").get(0).path("field").asText()).isEqualTo("limit");
        MockEndpoint.assertIsSatisfied(context);
    }

    private Exchange recordSales(String orderId, String timestamp) {
        return template.send(RECORD_SALES, e -> {
            e.getMessage().setBody(event("OrderCompleted", orderId, timestamp));
            EventConsumers.readEnvelope(e);
        });
    }

    private static String event(String type, String orderId, String timestamp) {
        return "{\"eventId\":\"e-1\",\"eventType\":\"" + type + "\",\"orderId\":\"" + orderId + "\",\"userId\":\"5\","
                + "\"productId\":null,\"couponId\":null,\"requestId\":null,\"timestamp\":\"" + timestamp + "\"}";
    }
}
