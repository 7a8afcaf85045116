package io.caravan.catalog;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.catalog.CatalogEndpoints.*;
import static io.caravan.catalog.CatalogHeaders.ORDER_ID;

/**
 * The order saga's completion on the catalog side: a reservation becomes a sale. RESERVED -> CONFIRMED by a
 * conditional update (a release racing it updates nothing, or makes this one update nothing), and each
 * line's units move from reserved to sold, product rows locked in product-id order; all in one statement
 * ({@code confirm-reservation.sql}). Available stock does not change.
 */
@Component
public class StockConfirmationRoutes extends RouteBuilder {

    static final String READ_STATUS = "sql:SELECT status FROM stock_reservation "
            + "WHERE order_id = CAST(:#${exchangeProperty.orderId} AS uuid)?outputType=SelectOne&outputHeader=status";

    @Override
    public void configure() {
        from(CONFIRM_STOCK).routeId(ROUTE_CONFIRM_STOCK).routeConfigurationId(RestErrorPolicy.ID)
                .setProperty(ORDER_ID, method(OrderIds.class, "fromPath"))
                .to(CONFIRM_STOCK_TX)
                .process(Responses.json(200));

        Transactions.route(this, CONFIRM_STOCK_TX, ROUTE_CONFIRM_STOCK_TX)
                // one statement: the status transition, the units of every line, and the status after it
                .to("sql:classpath:sql/catalog/confirm-reservation.sql?outputType=SelectOne&outputHeader=status")
                .setBody(method(StockReservations.class, "confirmationOf(${exchangeProperty.orderId}, ${header.status})"));
    }
}
