package io.caravan.catalog;

import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;
import io.caravan.common.expression.PropertyPathExpression;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.rest.CaravanJson;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.catalog.CatalogEndpoints.*;
import static io.caravan.catalog.CatalogHeaders.ORDER_ID;
import static io.caravan.catalog.CatalogHeaders.RESERVATION_LINES;

/**
 * The order saga's stock step and its compensation, keyed by orderId. Reserve takes every line or none, and
 * writes its events, in one transaction: one statement of conditional updates on the products, locked in
 * product-id order ({@code reserve-lines.sql}). Release gives the units back, or leaves a tombstone when it comes
 * first. The reservation row (INSERT ... ON CONFLICT DO NOTHING, then updates only from RESERVED) makes repeats
 * answer the same and lets exactly one of release and confirm win.
 */
@Component
public class StockReservationRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(RESERVE_STOCK).routeId(ROUTE_RESERVE_STOCK).routeConfigurationId(RestErrorPolicy.ID)
                .process(e -> e.getMessage().setBody(RequestReader.body(e, ReserveStockRequest.class).checked()))
                .setProperty(ORDER_ID, PropertyPathExpression.of(getContext(), "${body.orderId}"))
                .to(RESERVE_STOCK_TX)
                .process(Responses.json(200));

        // the reservation, every line and the events in one statement, which answers one row per line; no row when
        // the order holds a reservation already: that one is answered. A refused line rolls the rest back.
        Transactions.route(this, RESERVE_STOCK_TX, ROUTE_RESERVE_STOCK_TX)
                .process(e -> e.setProperty(RESERVATION_LINES,
                        CaravanJson.write(e.getMessage().getBody(ReserveStockRequest.class).items())))
                .process(CatalogEvents::stockReserved)
                .process(Outbox::prepareRows)
                .to("sql:classpath:sql/catalog/reserve-lines.sql?outputType=SelectList")
                .removeProperty(RESERVATION_LINES)
                .process(Outbox::clear)
                .choice()
                    .when(e -> e.getMessage().getBody(List.class).isEmpty())
                        .to("sql:classpath:sql/catalog/read-reservation.sql?outputType=SelectList")
                        .setBody(method(StockReservations.class, "existing(${exchangeProperty.orderId}, ${body})"))
                    .endChoice()
                    .otherwise()
                        .setBody(e -> StockReservations.reserved(e.getProperty(ORDER_ID, String.class),
                                StockReservations.LineOutcome.ofRows(e.getMessage().getBody(List.class))))
                .end();

        from(RELEASE_STOCK).routeId(ROUTE_RELEASE_STOCK).routeConfigurationId(RestErrorPolicy.ID)
                .setProperty(ORDER_ID, method(OrderIds.class, "fromPath"))
                .to(RELEASE_STOCK_TX)
                .process(Responses.json(200));

        // A release for an order never seen leaves a tombstone; otherwise it moves RESERVED -> RELEASED and gives
        // the units back (none when it was released, tombstoned or confirmed before). The status read last answers.
        Transactions.route(this, RELEASE_STOCK_TX, ROUTE_RELEASE_STOCK_TX)
                .to("sql:INSERT INTO stock_reservation (order_id, status) VALUES (CAST(:#${exchangeProperty.orderId} AS uuid), "
                        + "'TOMBSTONE') ON CONFLICT DO NOTHING?noop=true")
                .to("sql:classpath:sql/catalog/release-reservation.sql?outputType=SelectList")
                .split(body()).stopOnException()
                    .to("sql:UPDATE product SET stock = stock + :#${body[quantity]}, reserved = reserved - :#${body[quantity]} "
                            + "WHERE id = :#${body[product_id]}")
                .end()
                .process(CatalogEvents::stockReleased)
                .to(Outbox.WRITE)
                .to(StockConfirmationRoutes.READ_STATUS)
                .setBody(method(StockReservations.class, "releaseOf(${exchangeProperty.orderId}, ${header.status})"));
    }
}
