package io.caravan.catalog;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.consumer.EventConsumerPolicy;
import io.caravan.common.consumer.EventConsumers;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.catalog.CatalogEndpoints.*;

/**
 * Sales behind {@code GET /products/popular}: the {@code order-events} consumer adds a completed order's
 * quantities, read from the catalog's own CONFIRMED reservation, to the daily sales of the event's UTC day, once
 * per orderId, in one statement that claims the reservation and writes the event's marker with the sales
 * ({@code add-daily-sales.sql}). A reservation not confirmed (yet) or unknown fails the record, which is retried
 * and then dead-lettered. The query ranks the products sold most over the last days.
 */
@Component
public class SalesRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(EventConsumers.kafka("{{caravan.topics.order-events}}", SALES_GROUP))
                .routeId(ROUTE_CONSUME_SALES).routeConfigurationId(EventConsumerPolicy.ID)
                .autoStartup("{{caravan.consumer.enabled:true}}")
                .process(EventConsumers::readEnvelope)
                .filter(EventConsumers.eventType("OrderCompleted"))
                    .to(RECORD_SALES)
                .end();

        // the claim of the reservation, the event's marker and the sales in one statement on its own, without a
        // transaction around it; when it counted nothing, the reservation tells whether that is right
        from(RECORD_SALES).routeId(ROUTE_RECORD_SALES).errorHandler(noErrorHandler())
                .process(SalesCounting::describeOrder)
                .to("sql:classpath:sql/catalog/add-daily-sales.sql?noop=true")
                .filter(simple("${header.CamelSqlUpdateCount} == 0"))
                    .to("sql:SELECT status, sales_counted_at IS NOT NULL AS counted FROM stock_reservation "
                            + "WHERE order_id = CAST(:#${header.orderId} AS uuid)?outputType=SelectOne")
                    .process(SalesCounting::requireCountedBefore)
                .end();

        from(POPULAR_PRODUCTS).routeId(ROUTE_POPULAR_PRODUCTS).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader("days", method(RequestReader.class, "intParam(${exchange}, 'days', 1, 30, 3)"))
                .setHeader("limit", method(RequestReader.class, "intParam(${exchange}, 'limit', 1, 100, 5)"))
                .to("sql:classpath:sql/catalog/popular-products.sql?outputType=SelectList")
                .bean(PopularProducts.class, "of")
                .process(Responses.json(200));
    }
}
