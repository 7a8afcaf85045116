package io.caravan.order.coupon;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.internal.InternalCall;

/**
 * order-app's client of user-app for coupons: {@code GET /users/{userId}} for exchange property {@code userId}.
 * A 404 comes back as {@code USER_NOT_FOUND}; user-app down or its breaker open as {@code 503 SERVICE_UNAVAILABLE}.
 */
@Component
public class UserClientRoutes extends RouteBuilder {

    @Override
    public void configure() {
        InternalCall.define(this, CouponEndpoints.USER_GET, CouponEndpoints.ROUTE_USER_GET,
                "GET", "{{caravan.user.url}}", "/users/${exchangeProperty.userId}");
    }
}
