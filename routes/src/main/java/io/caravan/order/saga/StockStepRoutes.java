package io.caravan.order.saga;

import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

import static io.caravan.order.OrderEndpoints.*;
import static io.caravan.order.saga.OrderDraft.of;

/** Saga step "reserve stock" at the catalog, its compensation (release) and its completion (confirm). */
@Component
public class StockStepRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // reserve every line at once  |  compensation: release  |  completion: confirm
        from(RESERVE_STOCK).routeId(ROUTE_RESERVE_STOCK).errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(OPTION_ORDER_ID, SagaSteps.draft(OrderDraft::getOrderId))
                    .compensation(RELEASE_STOCK)
                    .completion(CONFIRM_STOCK)
                .setProperty(SagaSteps.CURRENT, constant(SagaSteps.STOCK))
                .setBody(e -> of(e).reservationRequest())
                .enrich(CATALOG_RESERVE, SagaSteps.ANSWER)
                .process(e -> of(e).reserved(e.getMessage().getBody(Map.class)))
                .removeProperty(SagaSteps.CURRENT);

        from(RELEASE_STOCK).routeId(ROUTE_RELEASE_STOCK).errorHandler(noErrorHandler())
                .process(SagaSteps.undoing(SagaSteps.STOCK))
                .to(SagaSteps.CLAIM)
                .filter(SagaSteps.claimed())
                    .setBody(constant("{}"))
                    .to(CATALOG_RELEASE)
                    .to(SagaSteps.UNDONE)
                .end();

        from(CONFIRM_STOCK).routeId(ROUTE_CONFIRM_STOCK).errorHandler(noErrorHandler())
                .setProperty(SagaSteps.ORDER_ID, header(OPTION_ORDER_ID))
                .setBody(constant("{}"))
                .to(CATALOG_CONFIRM);
    }
}
