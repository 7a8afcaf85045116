package io.caravan.order.saga;

import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;

import static io.caravan.order.OrderEndpoints.*;
import static io.caravan.order.saga.OrderDraft.of;

/**
 * Saga step "apply the coupon" (local: one conditional UPDATE marks it USED for this order only if it is the
 * user's, AVAILABLE, not expired and the total reaches its minimum), and its compensation (back to AVAILABLE).
 */
@Component
public class CouponStepRoutes extends RouteBuilder {

    static final String ISSUED_COUPON_ID = "issuedCouponId";

    @Override
    public void configure() {
        // use the coupon  |  compensation: back to AVAILABLE (only where this order used it)
        from(APPLY_COUPON).routeId(ROUTE_APPLY_COUPON).errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(OPTION_ORDER_ID, SagaSteps.draft(OrderDraft::getOrderId))
                    .option(OPTION_ISSUED_COUPON_ID, SagaSteps.draft(OrderDraft::getIssuedCouponId))
                    .compensation(RESTORE_COUPON)
                .setProperty(SagaSteps.CURRENT, constant(SagaSteps.COUPON))
                .to("sql:classpath:sql/order/use-coupon.sql?outputType=SelectOne")
                .choice()
                    .when(body().isNotNull())
                        .process(e -> of(e).couponUsed(e.getMessage().getBody(Map.class)))
                    .otherwise()
                        .to("sql:classpath:sql/order/coupon-state.sql?outputType=SelectOne")
                        .process(e -> of(e).couponNotApplicable(CouponRefusal.reason(e.getMessage().getBody(Map.class))))
                .end()
                .removeProperty(SagaSteps.CURRENT);

        from(RESTORE_COUPON).routeId(ROUTE_RESTORE_COUPON).errorHandler(noErrorHandler())
                .process(SagaSteps.undoing(SagaSteps.COUPON))
                .setProperty(ISSUED_COUPON_ID, header(OPTION_ISSUED_COUPON_ID).convertTo(Long.class))
                .to(RESTORE_COUPON_TX);

        Transactions.route(this, RESTORE_COUPON_TX, ROUTE_RESTORE_COUPON_TX)
                .to(SagaSteps.CLAIM)
                .filter(SagaSteps.claimed())
                    .to("sql:classpath:sql/order/restore-coupon.sql")
                    .to(SagaSteps.UNDONE)
                .end();
    }
}
