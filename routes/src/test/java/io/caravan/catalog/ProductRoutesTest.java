package io.caravan.catalog;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caravan.common.outbox.Outbox;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.catalog.CatalogEndpoints.*;
import static io.caravan.catalog.CatalogMother.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Product routes (create, get, list, patch, restock) with the database mocked. */
class ProductRoutesTest extends RouteTestSupport {

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new ProductRoutes(), new RestockRoutes()};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, ROUTE_CREATE_PRODUCT_TX, a -> {
            a.weaveByToUri("sql:*").replace().to("mock:insert-product");
            a.weaveByToUri(Outbox.WRITE).replace().to("mock:outbox");
        });
        AdviceWith.adviceWith(context, ROUTE_GET_PRODUCT, a -> a.weaveByToUri("sql:*").replace().to("mock:select-product"));
        AdviceWith.adviceWith(context, ROUTE_LIST_PRODUCTS, a -> {
            a.weaveByToUri("sql:SELECT count.*").replace().to("mock:count-products");
            a.weaveByToUri("sql:classpath:sql/catalog/list-products.sql*").replace().to("mock:list-products");
        });
        AdviceWith.adviceWith(context, ROUTE_UPDATE_PRODUCT_TX, a -> {
            a.weaveByToUri("sql:*").replace().to("mock:update-product");
            a.weaveByToUri(Outbox.WRITE).replace().to("mock:outbox");
        });
        AdviceWith.adviceWith(context, ROUTE_RESTOCK_PRODUCT_TX, a -> {
            a.weaveByToUri("sql:classpath:sql/catalog/restock-product.sql*").replace().to("mock:restock");
            a.weaveByToUri("sql:SELECT id FROM product.*").replace().to("mock:find-product");
            a.weaveByToUri(Outbox.WRITE).replace().to("mock:outbox");
        });
        context.start();
    }

    @Test
    void shouldAnswerCreatedAndWriteProductCreatedWhenProductIsValid() throws Exception {
        getMockEndpoint("mock:insert-product").whenAnyExchangeReceived(e -> e.getMessage().setBody(productRow(7, "Lamp", 1500, 10)));
        MockEndpoint outbox = getMockEndpoint("mock:outbox");
        outbox.expectedMessageCount(1);

        Exchange answer = template.request(CREATE_PRODUCT,
                e -> e.getMessage().setBody("{\"name\":\"Lamp\",\"price\":1500,\"stock\":10}"));

        assertThat(status(answer)).isEqualTo(201);
        assertThat(answer.getMessage().getHeader("Location")).isEqualTo("/products/7");
        assertThat(json(answer).path("stock").asLong()).isEqualTo(10);
        assertThat(json(answer).has("description")).isFalse();
        outbox.assertIsSatisfied();
        var events = events(outbox.getExchanges().get(0));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).eventType()).isEqualTo("ProductCreated");
        assertThat(events.get(0).key()).isEqualTo("7");
        assertThat(events.get(0).topic()).isEqualTo("product-events");
    }

    @Test
    void shouldAnswerValidationFailedAndTouchNothingWhenPriceIsAString() throws Exception {
        getMockEndpoint("mock:insert-product").expectedMessageCount(0);

        Exchange answer = template.request(CREATE_PRODUCT,
                e -> e.getMessage().setBody("{\"name\":\"Lamp\",\"price\":\"1500\",\"stock\":10}"));

        assertThat(status(answer)).isEqualTo(400);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("price");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerProductWhenFound() throws Exception {
        getMockEndpoint("mock:select-product").whenAnyExchangeReceived(e -> e.getMessage().setBody(productRow(3, "Cup", 200, 4)));

        Exchange answer = template.request(GET_PRODUCT, e -> e.getMessage().setHeader("productId", "3"));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("name").asText()).isEqualTo("Cup");
        assertThat(getMockEndpoint("mock:select-product").getExchanges().get(0).getMessage().getHeader("productId")).isEqualTo(3L);
    }

    @Test
    void shouldAnswerProductNotFoundWhenNoRow() throws Exception {
        getMockEndpoint("mock:select-product").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));

        Exchange answer = template.request(GET_PRODUCT, e -> e.getMessage().setHeader("productId", "42"));

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("PRODUCT_NOT_FOUND");
    }

    @Test
    void shouldAnswerValidationFailedWithoutQueryingWhenIdIsNotANumber() throws Exception {
        getMockEndpoint("mock:select-product").expectedMessageCount(0);

        Exchange answer = template.request(GET_PRODUCT, e -> e.getMessage().setHeader("productId", "popular"));

        assertThat(status(answer)).isEqualTo(400);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("productId");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerPageWithTotalWhenListing() throws Exception {
        getMockEndpoint("mock:count-products").whenAnyExchangeReceived(e -> e.getMessage().setHeader("total", 41L));
        MockEndpoint list = getMockEndpoint("mock:list-products");
        list.whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(productRow(21, "A", 1, 1), productRow(22, "B", 2, 2))));

        Exchange answer = template.request(LIST_PRODUCTS, e -> {
            e.getMessage().setHeader("page", "2");
            e.getMessage().setHeader("size", "10");
        });

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("total").asLong()).isEqualTo(41);
        assertThat(json(answer).path("page").asInt()).isEqualTo(2);
        assertThat(json(answer).path("size").asInt()).isEqualTo(10);
        assertThat(json(answer).path("items").get(1).path("id").asLong()).isEqualTo(22);
        assertThat(list.getExchanges().get(0).getMessage().getHeader("size")).isEqualTo(10);
    }

    @Test
    void shouldAnswerValidationFailedWithoutQueryingWhenSizeIsOutOfRange() throws Exception {
        getMockEndpoint("mock:list-products").expectedMessageCount(0);

        Exchange answer = template.request(LIST_PRODUCTS, e -> e.getMessage().setHeader("size", "101"));

        assertThat(status(answer)).isEqualTo(400);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("size");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerUpdatedProductAndWriteProductUpdatedWhenPatched() throws Exception {
        getMockEndpoint("mock:update-product").whenAnyExchangeReceived(e -> e.getMessage().setBody(productRow(5, "New", 900, 3)));
        MockEndpoint outbox = getMockEndpoint("mock:outbox");
        outbox.expectedMessageCount(1);

        Exchange answer = template.request(UPDATE_PRODUCT, e -> {
            e.getMessage().setHeader("productId", "5");
            e.getMessage().setBody("{\"name\":\"New\",\"price\":900}");
        });

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("name").asText()).isEqualTo("New");
        outbox.assertIsSatisfied();
        assertThat(events(outbox.getExchanges().get(0)).get(0).eventType()).isEqualTo("ProductUpdated");
        UpdateProductRequest sent = getMockEndpoint("mock:update-product").getExchanges().get(0).getMessage().getBody(UpdateProductRequest.class);
        assertThat(sent.description()).isNull();
        assertThat(sent.price()).isEqualTo(900);
    }

    @Test
    void shouldAnswerProductNotFoundAndWriteNothingWhenPatchingAnUnknownProduct() throws Exception {
        getMockEndpoint("mock:update-product").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        getMockEndpoint("mock:outbox").expectedMessageCount(0);

        Exchange answer = template.request(UPDATE_PRODUCT, e -> {
            e.getMessage().setHeader("productId", "5");
            e.getMessage().setBody("{\"price\":900}");
        });

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("PRODUCT_NOT_FOUND");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedWithoutUpdatingWhenPatchChangesNothingOrStock() throws Exception {
        getMockEndpoint("mock:update-product").expectedMessageCount(0);

        Exchange empty = template.request(UPDATE_PRODUCT, e -> {
            e.getMessage().setHeader("productId", "5");
            e.getMessage().setBody("{}");
        });
        Exchange stock = template.request(UPDATE_PRODUCT, e -> {
            e.getMessage().setHeader("productId", "5");
            e.getMessage().setBody("{\"price\":1,\"stock\":50}");
        });

        assertThat(status(empty)).isEqualTo(400);
        assertThat(json(empty).path("errors").get(0).path("field").asText()).isEqualTo("body");
        assertThat(status(stock)).isEqualTo(400);
        assertThat(json(stock).path("errors").get(0).path("field").asText()).isEqualTo("stock");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerRestockedProductAndWriteProductUpdated() throws Exception {
        MockEndpoint restock = getMockEndpoint("mock:restock");
        restock.whenAnyExchangeReceived(e -> e.getMessage().setBody(productRow(9, "Box", 100, 25)));
        getMockEndpoint("mock:find-product").expectedMessageCount(0);
        MockEndpoint outbox = getMockEndpoint("mock:outbox");
        outbox.expectedMessageCount(1);

        Exchange answer = template.request(RESTOCK_PRODUCT, e -> {
            e.getMessage().setHeader("productId", "9");
            e.getMessage().setBody("{\"quantity\":20}");
        });

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("stock").asLong()).isEqualTo(25);
        assertThat(restock.getExchanges().get(0).getMessage().getHeader("maxStock")).isEqualTo(ProductLimits.MAX_STOCK);
        assertThat(restock.getExchanges().get(0).getMessage().getBody(RestockRequest.class).quantity()).isEqualTo(20);
        assertThat(events(outbox.getExchanges().get(0)).get(0).eventType()).isEqualTo("ProductUpdated");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerProductNotFoundWhenRestockingAnUnknownProduct() throws Exception {
        getMockEndpoint("mock:restock").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        getMockEndpoint("mock:find-product").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        getMockEndpoint("mock:outbox").expectedMessageCount(0);

        Exchange answer = template.request(RESTOCK_PRODUCT, e -> {
            e.getMessage().setHeader("productId", "9");
            e.getMessage().setBody("{\"quantity\":20}");
        });

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("PRODUCT_NOT_FOUND");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedWhenRestockWouldRaiseStockAboveTheBound() throws Exception {
        getMockEndpoint("mock:restock").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        getMockEndpoint("mock:find-product").whenAnyExchangeReceived(e -> e.getMessage().setBody(9L));
        getMockEndpoint("mock:outbox").expectedMessageCount(0);

        Exchange answer = template.request(RESTOCK_PRODUCT, e -> {
            e.getMessage().setHeader("productId", "9");
            e.getMessage().setBody("{\"quantity\":20}");
        });

        assertThat(status(answer)).isEqualTo(400);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("quantity");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedWithoutUpdatingWhenRestockQuantityIsZero() throws Exception {
        getMockEndpoint("mock:restock").expectedMessageCount(0);

        Exchange answer = template.request(RESTOCK_PRODUCT, e -> {
            e.getMessage().setHeader("productId", "9");
            e.getMessage().setBody("{\"quantity\":0}");
        });

        assertThat(status(answer)).isEqualTo(400);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("quantity");
        MockEndpoint.assertIsSatisfied(context);
    }
}
