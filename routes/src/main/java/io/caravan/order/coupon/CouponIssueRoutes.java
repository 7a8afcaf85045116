package io.caravan.order.coupon;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.order.KnownUsers;

import static io.caravan.order.coupon.CouponEndpoints.*;

/**
 * First-come-first-served issuance. The coupon and the user are checked first (the user through user-app, with
 * no transaction open, unless user-app confirmed this user recently: {@link KnownUsers}); then ONE transaction
 * inserts the user's copy (the unique key refuses a second one) and takes one from the stock with a conditional
 * update (never past {@code total_quantity}, never after expiry).
 * A refused step rolls both back; the coupon is then read to say why. No application lock anywhere.
 */
@Component
public class CouponIssueRoutes extends RouteBuilder {

    static final String STATE_SQL = "sql:classpath:sql/order/coupon/select-coupon-state.sql?outputType=SelectOne";

    private final KnownUsers knownUsers;

    public CouponIssueRoutes(KnownUsers knownUsers) {
        this.knownUsers = knownUsers;
    }

    @Override
    public void configure() {
        from(ISSUE_COUPON).routeId(ROUTE_ISSUE_COUPON).routeConfigurationId(RestErrorPolicy.ID)
                .setProperty(COUPON_ID, method(RequestReader.class, "id(${exchange}, 'couponId')"))
                .process(e -> e.setProperty(USER_ID, RequestReader.body(e, IssueCouponRequest.class).userId()))
                .to("sql:classpath:sql/order/coupon/select-coupon.sql?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(IssueRefusals.notFound())
                .end()
                .setBody(constant(null))
                // user-app is asked whether the user exists, unless it confirmed this user recently
                .filter(e -> !knownUsers.contains(e.getProperty(USER_ID, Long.class)))
                    .to(USER_GET)
                    .process(e -> knownUsers.remember(e.getProperty(USER_ID, Long.class)))
                .end()
                .to(ISSUE_COUPON_TX)
                .process(Responses.json(201));

        Transactions.route(this, ISSUE_COUPON_TX, ROUTE_ISSUE_COUPON_TX)
                .to("sql:classpath:sql/order/coupon/insert-issued-coupon.sql?outputType=SelectOne")
                .filter(body().isNull())
                    .to(STATE_SQL)
                    .process(e -> { throw IssueRefusals.notInserted(row(e)); })
                .end()
                .setProperty(ISSUED_ROW, body())
                .to("sql:classpath:sql/order/coupon/take-coupon.sql?outputType=SelectOne")
                .filter(body().isNull())
                    .to(STATE_SQL)
                    .process(e -> { throw IssueRefusals.notTaken(row(e)); })
                .end()
                .process(e -> e.getMessage().setBody(IssuedCoupon.fromRows(e)))
                .removeProperty(ISSUED_ROW);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Exchange exchange) {
        return exchange.getMessage().getBody(Map.class);
    }
}
