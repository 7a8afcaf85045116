package io.caravan.catalog;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.problem.ProblemException;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.catalog.CatalogEndpoints.*;

/**
 * Restocking: adds units to a product's available stock with one conditional update (the available stock stays
 * at most {@link ProductLimits#MAX_STOCK}) and writes {@code ProductUpdated} through the outbox.
 */
@Component
public class RestockRoutes extends RouteBuilder {

    static final ProblemException OVER_LIMIT = ProblemException.validation("quantity",
            "would raise the available stock above " + ProductLimits.MAX_STOCK);

    @Override
    public void configure() {
        from(RESTOCK_PRODUCT).routeId(ROUTE_RESTOCK_PRODUCT).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader(CatalogHeaders.PRODUCT_ID, method(RequestReader.class, "id(${exchange}, 'productId')"))
                .process(e -> e.getMessage().setBody(RequestReader.body(e, RestockRequest.class)))
                .setHeader("maxStock", constant(ProductLimits.MAX_STOCK))
                .to(RESTOCK_PRODUCT_TX)
                .process(Responses.json(200));

        Transactions.route(this, RESTOCK_PRODUCT_TX, ROUTE_RESTOCK_PRODUCT_TX)
                .to("sql:classpath:sql/catalog/restock-product.sql?outputType=SelectOne")
                .filter(body().isNull())
                    .to("sql:SELECT id FROM product WHERE id = :#productId?outputType=SelectOne")
                    .choice()
                        .when(body().isNull()).throwException(ProductRoutes.NOT_FOUND)
                        .otherwise().throwException(OVER_LIMIT)
                    .end()
                .end()
                .bean(Product.class, "fromRow")
                .process(CatalogEvents::productUpdated)
                .to(Outbox.WRITE);
    }
}
