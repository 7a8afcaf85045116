package io.caravan.order.coupon;

import java.util.List;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.order.coupon.CouponEndpoints.*;

/** Coupons: create, read, and a user's issued coupons. Issuance is in {@link CouponIssueRoutes}; verbs in {@link CouponRestApi}. */
@Component
public class CouponRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(CREATE_COUPON).routeId(ROUTE_CREATE_COUPON).routeConfigurationId(RestErrorPolicy.ID)
                .process(e -> e.getMessage().setBody(RequestReader.body(e, CreateCouponRequest.class).checkRate().toRow()))
                .to("sql:classpath:sql/order/coupon/insert-coupon.sql?outputType=SelectOne")
                .bean(Coupon.class, "fromRow")
                .process(Responses.created("/coupons/", coupon -> ((Coupon) coupon).id()));

        from(GET_COUPON).routeId(ROUTE_GET_COUPON).routeConfigurationId(RestErrorPolicy.ID)
                .setProperty(COUPON_ID, method(RequestReader.class, "id(${exchange}, 'couponId')"))
                .to("sql:classpath:sql/order/coupon/select-coupon.sql?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(IssueRefusals.notFound())
                .end()
                .bean(Coupon.class, "fromRow")
                .process(Responses.json(200));

        // API.md lists no error for an unknown user: the answer is an empty list, without asking user-app.
        from(LIST_USER_COUPONS).routeId(ROUTE_LIST_USER_COUPONS).routeConfigurationId(RestErrorPolicy.ID)
                .setProperty(USER_ID, method(RequestReader.class, "id(${exchange}, 'userId')"))
                .to("sql:classpath:sql/order/coupon/select-user-coupons.sql?outputType=SelectList")
                .process(e -> e.getMessage().setBody(UserCoupon.Items.fromRows(rows(e.getMessage().getBody(List.class)))))
                .process(Responses.json(200));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(List<?> body) {
        return body == null ? List.of() : (List<Map<String, Object>>) body;
    }
}
