package io.caravan.catalog;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.catalog.CatalogEndpoints.*;
import static io.caravan.catalog.CatalogHeaders.ORDER_ID;

/**
 * The order saga's completion on the catalog side: a reservation becomes a sale. RESERVED -> CONFIRMED by a
 * conditional update (a release racing it updates nothing, or makes this one update nothing), and each
 * line's units move from reserved to sold, product rows locked in product-id order; all in one statement
 * ({@code confirm-reservation.sql}) that runs on its own, so the products stay locked only while it runs.
 * Available stock does not change.
 */
@Component
public class StockConfirmationRoutes extends RouteBuilder {

    static final String READ_STATUS = "sql:SELECT status FROM stock_reservation "
            + "WHERE order_id = CAST(:#${exchangeProperty.orderId} AS uuid)?outputType=SelectOne&outputHeader=status";

    @Override
    public void configure() {
        // one statement on its own, without a transaction around it (the products' locks last only while it runs):
        // the status transition, the units of every line, and the status after it
        from(CONFIRM_STOCK).routeId(ROUTE_CONFIRM_STOCK).routeConfigurationId(RestErrorPolicy.ID)
                .setProperty(ORDER_ID, method(OrderIds.class, "fromPath"))
                .to("sql:classpath:sql/catalog/confirm-reservation.sql?outputType=SelectOne&outputHeader=status")
                .setBody(method(StockReservations.class,
                        "confirmationOf(${exchangeProperty.orderId}, ${header.status})"))
                .process(Responses.json(200));
    }
}
