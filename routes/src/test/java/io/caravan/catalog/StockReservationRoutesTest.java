package io.caravan.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.sql.SqlConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.common.outbox.Outbox;
import io.caravan.common.outbox.OutboxEvent;
import io.caravan.common.rest.CaravanJson;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.catalog.CatalogEndpoints.*;
import static io.caravan.catalog.CatalogMother.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Reserve, release and confirm routes with the database mocked: each answer and each refusal. */
class StockReservationRoutesTest extends RouteTestSupport {

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new StockReservationRoutes(), new StockConfirmationRoutes()};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, ROUTE_RESERVE_STOCK_TX, a -> {
            a.weaveByToUri("sql:classpath:sql/catalog/reserve-lines.sql*").replace().to("mock:reserve-lines");
            a.weaveByToUri("sql:classpath:sql/catalog/read-reservation.sql*").replace().to("mock:read-reservation");
        });
        AdviceWith.adviceWith(context, ROUTE_RELEASE_STOCK_TX, a -> {
            a.weaveByToUri("sql:INSERT INTO stock_reservation.*").replace().to("mock:insert-tombstone");
            a.weaveByToUri("sql:classpath:sql/catalog/release-reservation.sql*").replace().to("mock:release-reservation");
            a.weaveByToUri("sql:UPDATE product.*").replace().to("mock:give-back");
            a.weaveByToUri("sql:SELECT status.*").replace().to("mock:read-status");
            a.weaveByToUri(Outbox.WRITE).replace().to("mock:outbox");
        });
        AdviceWith.adviceWith(context, ROUTE_CONFIRM_STOCK, a -> {
            a.weaveByToUri("sql:classpath:sql/catalog/confirm-reservation.sql*").replace().to("mock:confirm-reservation");
        });
        context.start();
    }

    @Test
    void shouldReserveEveryLineInOneStatementThatWritesStockReservedPerProduct() throws Exception {
        MockEndpoint lines = getMockEndpoint("mock:reserve-lines");
        lines.expectedMessageCount(1);
        answerLines(productId -> productId * 100);
        getMockEndpoint("mock:read-reservation").expectedMessageCount(0);

        Exchange answer = template.request(RESERVE_STOCK, e -> e.getMessage().setBody(reservationBody(9, 1, 2, 3)));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("status").asText()).isEqualTo("RESERVED");
        assertThat(json(answer).path("orderId").asText()).isEqualTo(ORDER_ID);
        assertThat(json(answer).path("totalAmount").asLong()).isEqualTo(2 * 100 * 3 + 9 * 100);
        Exchange statement = lines.getExchanges().get(0);
        assertThat(requestedLines(statement)).containsExactly(List.of(9L, 1L), List.of(2L, 3L));
        JsonNode events = CaravanJson.MAPPER.readTree(statement.getProperty(Outbox.ROWS, String.class));
        assertThat(events.findValuesAsText("eventType")).containsOnly("StockReserved");
        assertThat(events.findValuesAsText("key")).containsExactly("2", "9");
        assertThat(events.findValues("payload")).extracting(p -> p.path("orderId").asText()).containsOnly(ORDER_ID);
        assertThat(answer.getProperty(Outbox.ROWS)).isNull();
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerInsufficientStockListingShortProductsSoTheTransactionRollsBack() throws Exception {
        answerLines(productId -> productId == 4 ? 400L : null);

        Exchange answer = template.request(RESERVE_STOCK, e -> e.getMessage().setBody(reservationBody(4, 1, 8, 1, 6, 1)));

        assertThat(status(answer)).isEqualTo(409);
        assertThat(json(answer).path("code").asText()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(json(answer).path("productIds").toString()).isEqualTo("[6,8]");
    }

    @Test
    void shouldAnswerProductNotFoundListingUnknownProducts() throws Exception {
        getMockEndpoint("mock:reserve-lines").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(
                reserveLineRow(4, 1, true, null), reserveLineRow(5, 1, false, null))));

        Exchange answer = template.request(RESERVE_STOCK, e -> e.getMessage().setBody(reservationBody(4, 1, 5, 1)));

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("PRODUCT_NOT_FOUND");
        assertThat(json(answer).path("productIds").toString()).isEqualTo("[5]");
    }

    @Test
    void shouldAnswerTheStoredReservationWithoutReservingWhenTheOrderIsKnown() throws Exception {
        getMockEndpoint("mock:reserve-lines").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of()));
        getMockEndpoint("mock:read-reservation").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(
                storedLineRow("RESERVED", 2, 3, 150), storedLineRow("RESERVED", 9, 1, 1000))));
        getMockEndpoint("mock:reserve-lines").expectedMessageCount(1); // the reservation's insert did nothing

        Exchange answer = template.request(RESERVE_STOCK, e -> e.getMessage().setBody(reservationBody(2, 3, 9, 1)));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("totalAmount").asLong()).isEqualTo(1450);
        assertThat(json(answer).path("items").get(0).path("lineAmount").asLong()).isEqualTo(450);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerReservationReleasedWhenTheOrderWasReleasedOrTombstoned() throws Exception {
        getMockEndpoint("mock:reserve-lines").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of()));
        Map<String, Object> tombstone = new java.util.HashMap<>();
        tombstone.put("status", "TOMBSTONE");
        getMockEndpoint("mock:read-reservation").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(tombstone)));

        Exchange answer = template.request(RESERVE_STOCK, e -> e.getMessage().setBody(reservationBody(2, 3)));

        assertThat(status(answer)).isEqualTo(409);
        assertThat(json(answer).path("code").asText()).isEqualTo("RESERVATION_RELEASED");
    }

    @Test
    void shouldAnswerValidationFailedWithoutTouchingTheDatabaseWhenProductsRepeat() throws Exception {
        getMockEndpoint("mock:reserve-lines").expectedMessageCount(0);

        Exchange answer = template.request(RESERVE_STOCK, e -> e.getMessage().setBody(reservationBody(2, 3, 2, 1)));

        assertThat(status(answer)).isEqualTo(400);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("items");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldGiveTheUnitsBackAndWriteStockReleasedWhenReleasingAReservation() throws Exception {
        getMockEndpoint("mock:release-reservation").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(lineRow(2, 3), lineRow(9, 1))));
        MockEndpoint giveBack = getMockEndpoint("mock:give-back");
        giveBack.expectedMessageCount(2);
        getMockEndpoint("mock:read-status").whenAnyExchangeReceived(e -> e.getMessage().setHeader("status", "RELEASED"));
        MockEndpoint outbox = getMockEndpoint("mock:outbox");

        Exchange answer = template.request(RELEASE_STOCK, e -> e.getMessage().setHeader("orderId", ORDER_ID.toUpperCase()));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("status").asText()).isEqualTo("RELEASED");
        assertThat(json(answer).path("orderId").asText()).isEqualTo(ORDER_ID);
        assertThat(giveBack.getExchanges()).extracting(e -> e.getMessage().getBody(Map.class).get("product_id")).containsExactly(2L, 9L);
        assertThat(events(outbox.getExchanges().get(0))).extracting(OutboxEvent::eventType).containsExactly("StockReleased", "StockReleased");
        assertThat(events(outbox.getExchanges().get(0))).extracting(OutboxEvent::key).containsExactly("2", "9");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerTombstoneAndGiveNothingBackWhenReleaseComesFirst() throws Exception {
        getMockEndpoint("mock:insert-tombstone").whenAnyExchangeReceived(e -> e.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, 1));
        getMockEndpoint("mock:release-reservation").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of()));
        getMockEndpoint("mock:give-back").expectedMessageCount(0);
        getMockEndpoint("mock:read-status").whenAnyExchangeReceived(e -> e.getMessage().setHeader("status", "TOMBSTONE"));

        Exchange answer = template.request(RELEASE_STOCK, e -> e.getMessage().setHeader("orderId", ORDER_ID));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("status").asText()).isEqualTo("TOMBSTONE");
        assertThat(events(getMockEndpoint("mock:outbox").getExchanges().get(0))).isNullOrEmpty();
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerReservationConfirmedWhenReleasingAConfirmedOrder() throws Exception {
        getMockEndpoint("mock:release-reservation").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of()));
        getMockEndpoint("mock:give-back").expectedMessageCount(0);
        getMockEndpoint("mock:read-status").whenAnyExchangeReceived(e -> e.getMessage().setHeader("status", "CONFIRMED"));

        Exchange answer = template.request(RELEASE_STOCK, e -> e.getMessage().setHeader("orderId", ORDER_ID));

        assertThat(status(answer)).isEqualTo(409);
        assertThat(json(answer).path("code").asText()).isEqualTo("RESERVATION_CONFIRMED");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedWithoutTouchingTheDatabaseWhenOrderIdIsNotAUuid() throws Exception {
        getMockEndpoint("mock:insert-tombstone").expectedMessageCount(0);
        getMockEndpoint("mock:confirm-reservation").expectedMessageCount(0);

        Exchange release = template.request(RELEASE_STOCK, e -> e.getMessage().setHeader("orderId", "42"));
        Exchange confirmation = template.request(CONFIRM_STOCK, e -> e.getMessage().setHeader("orderId", "not-a-uuid"));

        assertThat(status(release)).isEqualTo(400);
        assertThat(status(confirmation)).isEqualTo(400);
        assertThat(json(confirmation).path("errors").get(0).path("field").asText()).isEqualTo("orderId");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerConfirmedWhenTheConfirmationStatementConfirmedTheReservation() throws Exception {
        MockEndpoint confirmation = getMockEndpoint("mock:confirm-reservation");
        confirmation.expectedMessageCount(1);
        confirmation.whenAnyExchangeReceived(e -> e.getMessage().setHeader("status", "CONFIRMED"));

        Exchange answer = template.request(CONFIRM_STOCK, e -> e.getMessage().setHeader("orderId", ORDER_ID));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(json(answer).path("orderId").asText()).isEqualTo(ORDER_ID);
        assertThat(confirmation.getExchanges().get(0).getProperty(CatalogHeaders.ORDER_ID)).isEqualTo(ORDER_ID);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerReservationNotFoundWhenConfirmingAnUnknownOrder() throws Exception {
        getMockEndpoint("mock:confirm-reservation").whenAnyExchangeReceived(e -> e.getMessage().setHeader("status", null));

        Exchange answer = template.request(CONFIRM_STOCK, e -> e.getMessage().setHeader("orderId", ORDER_ID));

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("RESERVATION_NOT_FOUND");
    }

    @Test
    void shouldAnswerReservationReleasedWhenConfirmingAReleasedOrder() throws Exception {
        getMockEndpoint("mock:confirm-reservation").whenAnyExchangeReceived(e -> e.getMessage().setHeader("status", "RELEASED"));

        Exchange answer = template.request(CONFIRM_STOCK, e -> e.getMessage().setHeader("orderId", ORDER_ID));

        assertThat(status(answer)).isEqualTo(409);
        assertThat(json(answer).path("code").asText()).isEqualTo("RESERVATION_RELEASED");
    }

    /** Answers reserve-lines.sql as the database would: a row per line, in product-id order (null price: not taken). */
    private void answerLines(LongFunction<Long> unitPrice) {
        getMockEndpoint("mock:reserve-lines").whenAnyExchangeReceived(e -> e.getMessage().setBody(requestedLines(e).stream()
                .sorted(Comparator.comparing(line -> line.get(0)))
                .map(line -> reserveLineRow(line.get(0), line.get(1).intValue(), true, unitPrice.apply(line.get(0))))
                .toList()));
    }

    /** The lines the route handed to reserve-lines.sql, each as [productId, quantity]. */
    private static List<List<Long>> requestedLines(Exchange exchange) throws Exception {
        JsonNode lines = CaravanJson.MAPPER.readTree(exchange.getProperty(CatalogHeaders.RESERVATION_LINES, String.class));
        List<List<Long>> answer = new ArrayList<>();
        lines.forEach(line -> answer.add(List.of(line.path("productId").asLong(), line.path("quantity").asLong())));
        return answer;
    }
}
