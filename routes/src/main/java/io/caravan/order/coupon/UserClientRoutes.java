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
        // No error handler of its own: a refusal (USER_NOT_FOUND) or 503 must reach the caller's REST error policy.
        // With Camel's default one, the exchange comes back "exhausted" and the caller's onException is skipped (a 500).
        errorHandler(noErrorHandler());
        InternalCall.define(this, CouponEndpoints.USER_GET, CouponEndpoints.ROUTE_USER_GET,
                "GET", "{{caravan.user.url}}", "/users/${exchangeProperty.userId}");
    }
}
