package io.caravan.catalog;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import static io.caravan.catalog.CatalogEndpoints.*;

/** catalog-app's REST DSL: each verb declares its contract (the OpenAPI source) and goes straight to its direct: route. */
@Component
public class CatalogRestApi extends RouteBuilder {

    @Override
    public void configure() {
        rest("/products").description("Products and their available stock")
                .post()
                    .description("Create a product")
                    .type(CreateProductRequest.class).outType(Product.class)
                    .responseMessage().code(201).message("Created").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .to(CREATE_PRODUCT)
                .get()
                    .description("A page of products by id")
                    .param().name("page").type(RestParamType.query).dataType("integer").required(false)
                        .description("from 0").defaultValue("0").endParam()
                    .param().name("size").type(RestParamType.query).dataType("integer").required(false)
                        .description("1..100").defaultValue("20").endParam()
                    .outType(ProductPage.class)
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .to(LIST_PRODUCTS)
                // declared before /{productId} so that "popular" is never read as a product id
                .get("/popular")
                    .description("Products sold most in completed orders of the last days; ties by lower product id")
                    .param().name("days").type(RestParamType.query).dataType("integer").required(false)
                        .description("1..30").defaultValue("3").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                        .description("1..100").defaultValue("5").endParam()
                    .outType(PopularProducts.class)
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .to(POPULAR_PRODUCTS)
                .get("/{productId}")
                    .description("Get a product; stock is what can still be ordered")
                    .param().name("productId").type(RestParamType.path).dataType("integer").endParam()
                    .outType(Product.class)
                    .responseMessage().code(404).message("PRODUCT_NOT_FOUND").endResponseMessage()
                    .to(GET_PRODUCT)
                .patch("/{productId}")
                    .description("Change any of name, price, description (stock only by restocking)")
                    .param().name("productId").type(RestParamType.path).dataType("integer").endParam()
                    .type(UpdateProductRequest.class).outType(Product.class)
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(404).message("PRODUCT_NOT_FOUND").endResponseMessage()
                    .to(UPDATE_PRODUCT)
                .post("/{productId}/stock")
                    .description("Restock: add units to the available stock (which stays at most 2,000,000,000)")
                    .param().name("productId").type(RestParamType.path).dataType("integer").endParam()
                    .type(RestockRequest.class).outType(Product.class)
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(404).message("PRODUCT_NOT_FOUND").endResponseMessage()
                    .to(RESTOCK_PRODUCT);

        rest("/internal/stock/reservations").description("Stock step of the order saga (service token required)")
                .post()
                    .description("Reserve every line or none, at the catalog prices of now; idempotent by orderId")
                    .type(ReserveStockRequest.class).outType(StockReservation.class)
                    .responseMessage().code(200).message("RESERVED").endResponseMessage()
                    .responseMessage().code(404).message("PRODUCT_NOT_FOUND (productIds)").endResponseMessage()
                    .responseMessage().code(409).message("INSUFFICIENT_STOCK (productIds), RESERVATION_RELEASED").endResponseMessage()
                    .to(RESERVE_STOCK)
                .post("/{orderId}/release")
                    .description("Give the units back; for an unknown order leave a tombstone; idempotent")
                    .param().name("orderId").type(RestParamType.path).dataType("string").endParam()
                    .outType(StockReservation.State.class)
                    .responseMessage().code(200).message("RELEASED or TOMBSTONE").endResponseMessage()
                    .responseMessage().code(409).message("RESERVATION_CONFIRMED").endResponseMessage()
                    .to(RELEASE_STOCK)
                .post("/{orderId}/confirm")
                    .description("The reserved units become sold; idempotent")
                    .param().name("orderId").type(RestParamType.path).dataType("string").endParam()
                    .outType(StockReservation.State.class)
                    .responseMessage().code(200).message("CONFIRMED").endResponseMessage()
                    .responseMessage().code(404).message("RESERVATION_NOT_FOUND").endResponseMessage()
                    .responseMessage().code(409).message("RESERVATION_RELEASED").endResponseMessage()
                    .to(CONFIRM_STOCK);
    }
}
