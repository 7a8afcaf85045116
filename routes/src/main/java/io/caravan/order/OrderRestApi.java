package io.caravan.order;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import static io.caravan.order.OrderEndpoints.*;

/** order-app's order verbs: each declares its contract (the OpenAPI source) and goes straight to its direct: route. */
@Component
public class OrderRestApi extends RouteBuilder {

    @Override
    public void configure() {
        rest("/orders").description("Orders, placed as sagas")
                .post()
                    .description("Place an order: reserve stock, deduct points, apply the coupon, pay the rest by card."
                            + " A failed order is undone before the answer, which names it (orderId).")
                    .param().name("Idempotency-Key").type(RestParamType.header).required(false)
                        .description("Same key and body answer the first answer again (or send requestId)").endParam()
                    .type(PlaceOrderRequest.class).outType(Order.class)
                    .responseMessage().code(201).message("Created: the order COMPLETED").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(404).message("PRODUCT_NOT_FOUND, USER_NOT_FOUND").endResponseMessage()
                    .responseMessage().code(409).message("INSUFFICIENT_STOCK, INSUFFICIENT_POINTS, POINTS_EXCEED_TOTAL,"
                            + " COUPON_NOT_APPLICABLE, PAYMENT_DECLINED, PAYMENT_METHOD_REQUIRED, REQUEST_IN_PROGRESS").endResponseMessage()
                    .responseMessage().code(422).message("IDEMPOTENCY_KEY_REUSED").endResponseMessage()
                    .responseMessage().code(503).message("SERVICE_UNAVAILABLE (the order was undone)").endResponseMessage()
                    .to(PLACE_ORDER)
                .get("/{orderId}")
                    .description("Get an order; a failed one has failure {code, detail}")
                    .param().name("orderId").type(RestParamType.path).dataType("string").endParam()
                    .outType(Order.class)
                    .responseMessage().code(400).message("VALIDATION_FAILED (not a UUID)").endResponseMessage()
                    .responseMessage().code(404).message("ORDER_NOT_FOUND").endResponseMessage()
                    .to(GET_ORDER);

        rest("/users").description("A user's orders")
                .get("/{userId}/orders")
                    .description("A user's orders, newest first")
                    .param().name("userId").type(RestParamType.path).dataType("integer").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                        .description("1..100, default 20").endParam()
                    .responseMessage().code(200).message("{\"items\": [Order]}").endResponseMessage()
                    .to(LIST_USER_ORDERS);
    }
}
