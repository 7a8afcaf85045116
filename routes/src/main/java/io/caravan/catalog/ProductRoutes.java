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
 * Products: create and patch (with {@code ProductCreated} / {@code ProductUpdated} through the outbox), read one,
 * read a page. Restocking is in {@link RestockRoutes}; the REST verbs are in {@link CatalogRestApi}.
 */
@Component
public class ProductRoutes extends RouteBuilder {

    static final ProblemException NOT_FOUND = ProblemException.notFound("PRODUCT_NOT_FOUND", "No product with this id");

    @Override
    public void configure() {
        from(CREATE_PRODUCT).routeId(ROUTE_CREATE_PRODUCT).routeConfigurationId(RestErrorPolicy.ID)
                .process(e -> e.getMessage().setBody(RequestReader.body(e, CreateProductRequest.class)))
                .to(CREATE_PRODUCT_TX)
                .process(Responses.created("/products/", product -> ((Product) product).id()));

        Transactions.route(this, CREATE_PRODUCT_TX, ROUTE_CREATE_PRODUCT_TX)
                .to("sql:classpath:sql/catalog/insert-product.sql?outputType=SelectOne")
                .bean(Product.class, "fromRow")
                .process(CatalogEvents::productCreated)
                .to(Outbox.WRITE);

        from(GET_PRODUCT).routeId(ROUTE_GET_PRODUCT).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader(CatalogHeaders.PRODUCT_ID, method(RequestReader.class, "id(${exchange}, 'productId')"))
                .to("sql:SELECT id, name, description, price, stock FROM product WHERE id = :#productId?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(NOT_FOUND)
                .end()
                .bean(Product.class, "fromRow")
                .process(Responses.json(200));

        from(LIST_PRODUCTS).routeId(ROUTE_LIST_PRODUCTS).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader("page", method(RequestReader.class, "intParam(${exchange}, 'page', 0, 2147483647, 0)"))
                .setHeader("size", method(RequestReader.class, "intParam(${exchange}, 'size', 1, 100, 20)"))
                .to("sql:SELECT count(*) AS total FROM product?outputType=SelectOne&outputHeader=total")
                .to("sql:classpath:sql/catalog/list-products.sql?outputType=SelectList")
                .setBody(method(ProductPage.class, "of(${body}, ${header.page}, ${header.size}, ${header.total})"))
                .process(Responses.json(200));

        from(UPDATE_PRODUCT).routeId(ROUTE_UPDATE_PRODUCT).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader(CatalogHeaders.PRODUCT_ID, method(RequestReader.class, "id(${exchange}, 'productId')"))
                .process(e -> e.getMessage().setBody(RequestReader.body(e, UpdateProductRequest.class).requireAChange()))
                .to(UPDATE_PRODUCT_TX)
                .process(Responses.json(200));

        Transactions.route(this, UPDATE_PRODUCT_TX, ROUTE_UPDATE_PRODUCT_TX)
                .to("sql:classpath:sql/catalog/update-product.sql?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(NOT_FOUND)
                .end()
                .bean(Product.class, "fromRow")
                .process(CatalogEvents::productUpdated)
                .to(Outbox.WRITE);
    }
}
