package io.caravan.user;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.user.UserEndpoints.*;

/**
 * Points: the balance, charges (atomic conditional update under the 10,000,000 ceiling, idempotent by requestId,
 * {@code PointCharged} through the outbox) and the history. The REST verbs are in {@link UserRestApi}.
 */
@Component
public class PointRoutes extends RouteBuilder {

    static final String INSERT_HISTORY = "sql:classpath:sql/user/insert-history.sql?noop=true";

    @Override
    public void configure() {
        from(GET_POINTS).routeId(ROUTE_GET_POINTS).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader("userId", method(RequestReader.class, "id(${exchange}, 'userId')"))
                .to("sql:SELECT id AS user_id, balance FROM users WHERE id = :#userId?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(PointCharges.userNotFound())
                .end()
                .bean(PointBalance.class, "fromRow")
                .process(Responses.json(200));

        from(CHARGE_POINTS).routeId(ROUTE_CHARGE_POINTS).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader("userId", method(RequestReader.class, "id(${exchange}, 'userId')"))
                .process(e -> e.getMessage().setBody(RequestReader.body(e, ChargePointsRequest.class)))
                .to(CHARGE_POINTS_TX)
                .process(Responses.json(200));

        // a requestId is claimed first: a repeat (even a concurrent one) then answers the stored result
        Transactions.route(this, CHARGE_POINTS_TX, ROUTE_CHARGE_POINTS_TX)
                .setProperty(PointCharges.REQUEST, body())
                .setProperty(PointCharges.CLAIMED, constant(true))
                .filter(PointRoutes::hasRequestId)
                    .to("sql:classpath:sql/user/claim-charge.sql?outputType=SelectOne")
                    .setProperty(PointCharges.CLAIMED, simple("${body} != null", Boolean.class))
                .end()
                .choice()
                    .when(exchangeProperty(PointCharges.CLAIMED).isEqualTo(false))
                        .to("sql:SELECT amount, balance_after FROM point_charge WHERE user_id = :#userId"
                                + " AND request_id = :#${exchangeProperty.pointCharge.requestId}?outputType=SelectOne")
                        .bean(PointCharges.class, "replay")
                    .otherwise()
                        .to("sql:classpath:sql/user/charge-balance.sql?outputType=SelectOne")
                        .bean(PointCharges.class, "charged")
                        .filter(PointRoutes::hasRequestId)
                            .to("sql:UPDATE point_charge SET balance_after = :#${body.balance} WHERE user_id = :#userId"
                                    + " AND request_id = :#${exchangeProperty.pointCharge.requestId}?noop=true")
                        .end()
                        .setProperty("pointBalance", body())
                        .bean(PointCharges.class, "history")
                        .to(INSERT_HISTORY)
                        .process(UserEvents::pointCharged)
                        .to(Outbox.WRITE)
                        .setBody(exchangeProperty("pointBalance"))
                .end();

        from(GET_POINT_HISTORY).routeId(ROUTE_GET_POINT_HISTORY).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader("userId", method(RequestReader.class, "id(${exchange}, 'userId')"))
                .setHeader("limit", method(RequestReader.class, "intParam(${exchange}, 'limit', 1, 100, 20)"))
                .to(REQUIRE_USER)
                .to("sql:classpath:sql/user/select-history.sql?outputType=SelectList")
                .bean(PointHistory.class, "fromRows")
                .process(Responses.json(200));
    }

    /** Whether the charge being made carries a requestId (the request is kept as a property before the first SQL). */
    static boolean hasRequestId(Exchange exchange) {
        return exchange.getProperty(PointCharges.REQUEST, ChargePointsRequest.class).requestId() != null;
    }
}
