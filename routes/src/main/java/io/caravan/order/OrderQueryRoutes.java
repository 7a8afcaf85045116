package io.caravan.order;

import java.util.List;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.order.OrderEndpoints.*;

/** Order reads: one order by id, a user's orders newest first, and the read shared with POST /orders and the feed. */
@Component
public class OrderQueryRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(GET_ORDER).routeId(ROUTE_GET_ORDER).routeConfigurationId(RestErrorPolicy.ID)
                .process(OrderQueryRoutes::readOrderId)
                .to(READ_ORDER)
                .process(Responses.json(200));

        from(READ_ORDER).routeId(ROUTE_READ_ORDER).errorHandler(noErrorHandler())
                .to("sql:classpath:sql/order/select-order.sql?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(ProblemException.notFound("ORDER_NOT_FOUND", "No order with this id"))
                .end()
                .bean(Order.class, "fromRow");

        from(LIST_USER_ORDERS).routeId(ROUTE_LIST_USER_ORDERS).routeConfigurationId(RestErrorPolicy.ID)
                .setProperty("userId", method(RequestReader.class, "id(${exchange}, 'userId')"))
                .setProperty("limit", method(RequestReader.class, "intParam(${exchange}, 'limit', 1, 100, 20)"))
                .to("sql:classpath:sql/order/select-user-orders.sql?outputType=SelectList")
                .process(e -> e.getMessage().setBody(Order.list(e.getMessage().getBody(List.class))))
                .process(Responses.json(200));
    }

    /** The path's orderId, which must be a UUID (400 otherwise). */
    static void readOrderId(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("orderId", String.class);
        try {
            exchange.setProperty("orderId", UUID.fromString(raw == null ? "" : raw).toString());
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation("orderId", "must be a UUID");
        }
        if (!exchange.getProperty("orderId", String.class).equalsIgnoreCase(raw)) {
            throw ProblemException.validation("orderId", "must be a UUID");
        }
    }
}
