package io.caravan.order.saga;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

import static io.caravan.order.OrderEndpoints.*;
import static io.caravan.order.saga.OrderDraft.of;

/** Saga step "deduct points" at the user service, and its compensation (refund). */
@Component
public class PointsStepRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // deduct pointsToUse  |  compensation: refund
        from(DEDUCT_POINTS).routeId(ROUTE_DEDUCT_POINTS).errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(OPTION_ORDER_ID, SagaSteps.draft(OrderDraft::getOrderId))
                    .compensation(REFUND_POINTS)
                .setProperty(SagaSteps.CURRENT, constant(SagaSteps.POINTS))
                .setBody(e -> of(e).deductionRequest())
                .enrich(USER_DEDUCT, SagaSteps.ANSWER)
                .process(e -> of(e).pointsDeducted())
                .removeProperty(SagaSteps.CURRENT);

        from(REFUND_POINTS).routeId(ROUTE_REFUND_POINTS).errorHandler(noErrorHandler())
                .process(SagaSteps.undoing(SagaSteps.POINTS))
                .to(SagaSteps.CLAIM)
                .filter(SagaSteps.claimed())
                    .setBody(constant("{}"))
                    .to(USER_REFUND)
                    .to(SagaSteps.UNDONE)
                .end();
    }
}
