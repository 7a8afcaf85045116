package io.caravan.user;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.user.UserEndpoints.*;

/**
 * The order saga's point step and its compensation, side by side, both keyed by orderId and idempotent. A
 * {@code point_deduction} row per orderId moves DEDUCTED -> REFUNDED, or is born TOMBSTONE when the refund comes
 * first; each transition is one INSERT ... ON CONFLICT DO NOTHING or one UPDATE ... WHERE status = 'DEDUCTED',
 * so exactly one of any racing calls wins and the balance is changed once.
 */
@Component
public class PointDeductionRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(DEDUCT_POINTS).routeId(ROUTE_DEDUCT_POINTS).routeConfigurationId(RestErrorPolicy.ID)
                .process(e -> e.getMessage().setBody(RequestReader.body(e, DeductPointsRequest.class)))
                .to(DEDUCT_POINTS_TX)
                .process(Responses.json(200));

        Transactions.route(this, DEDUCT_POINTS_TX, ROUTE_DEDUCT_POINTS_TX)
                .setProperty(PointDeductions.REQUEST, body())
                .to("sql:classpath:sql/user/claim-deduction.sql?outputType=SelectOne")
                .choice()
                    .when(body().isNull())
                        .to("sql:SELECT user_id, amount, status, balance_after FROM point_deduction"
                                + " WHERE order_id = CAST(:#${exchangeProperty.pointDeduction.orderId} AS uuid)?outputType=SelectOne")
                        .bean(PointDeductions.class, "replay")
                    .otherwise()
                        .to("sql:classpath:sql/user/deduct-balance.sql?outputType=SelectOne")
                        .bean(PointDeductions.class, "deducted")
                        .setProperty("pointDeductionResult", body())
                        .bean(PointDeductions.class, "useHistory")
                        .to(PointRoutes.INSERT_HISTORY)
                        .process(UserEvents::pointUsedOrRefunded)
                        .to(Outbox.WRITE)
                        .setBody(exchangeProperty("pointDeductionResult"))
                .end();

        from(REFUND_POINTS).routeId(ROUTE_REFUND_POINTS).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader("orderId", method(OrderIds.class, "path(${exchange}, 'orderId')"))
                .to(REFUND_POINTS_TX)
                .process(Responses.json(200));

        // a refund for an orderId never seen leaves a tombstone; otherwise at most one refund wins the transition
        Transactions.route(this, REFUND_POINTS_TX, ROUTE_REFUND_POINTS_TX)
                .to("sql:INSERT INTO point_deduction (order_id, status) VALUES (CAST(:#orderId AS uuid), 'TOMBSTONE')"
                        + " ON CONFLICT (order_id) DO NOTHING RETURNING order_id?outputType=SelectOne")
                .choice()
                    .when(body().isNotNull())
                        .bean(PointDeductions.class, "tombstone")
                    .otherwise()
                        .to("sql:classpath:sql/user/refund-deduction.sql?outputType=SelectOne")
                        .to(APPLY_REFUND)
                .end();

        from(APPLY_REFUND).routeId(ROUTE_APPLY_REFUND).errorHandler(noErrorHandler())
                .choice()
                    .when(body().isNull())
                        .to("sql:SELECT status, amount FROM point_deduction WHERE order_id = CAST(:#orderId AS uuid)?outputType=SelectOne")
                        .bean(PointDeductions.class, "refundReplay")
                    .otherwise()
                        .setProperty(PointDeductions.REFUND, method(PointDeductions.class, "refunded"))
                        .to("sql:UPDATE users SET balance = balance + :#${body[amount]} WHERE id = :#${body[user_id]}"
                                + " RETURNING id AS user_id, balance?outputType=SelectOne")
                        .bean(PointDeductions.class, "refundHistory")
                        .to(PointRoutes.INSERT_HISTORY)
                        .process(UserEvents::pointUsedOrRefunded)
                        .to(Outbox.WRITE)
                        .setBody(exchangeProperty(PointDeductions.REFUND))
                .end();
    }
}
