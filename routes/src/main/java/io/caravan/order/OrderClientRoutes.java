package io.caravan.order;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.internal.InternalCall;

import static io.caravan.order.OrderEndpoints.*;

/**
 * order-app's client routes, one per downstream operation of the saga: timeouts, a circuit breaker and an
 * explicit fallback (503) each. Every path takes the order id from the exchange property {@code orderId}.
 */
@Component
public class OrderClientRoutes extends RouteBuilder {

    private static final String RESERVATION = "/internal/stock/reservations";
    private static final String DEDUCTION = "/internal/points/deductions";

    @Override
    public void configure() {
        InternalCall.define(this, CATALOG_RESERVE, "order-client-catalog-reserve", "POST", "{{caravan.catalog.url}}", RESERVATION);
        InternalCall.define(this, CATALOG_RELEASE, "order-client-catalog-release", "POST", "{{caravan.catalog.url}}",
                RESERVATION + "/${exchangeProperty.orderId}/release");
        InternalCall.define(this, CATALOG_CONFIRM, "order-client-catalog-confirm", "POST", "{{caravan.catalog.url}}",
                RESERVATION + "/${exchangeProperty.orderId}/confirm");

        InternalCall.define(this, USER_CHECK, "order-client-user-check", "GET", "{{caravan.user.url}}",
                "/users/${exchangeProperty.order.userId}");
        InternalCall.define(this, USER_DEDUCT, "order-client-user-deduct", "POST", "{{caravan.user.url}}", DEDUCTION);
        InternalCall.define(this, USER_REFUND, "order-client-user-refund", "POST", "{{caravan.user.url}}",
                DEDUCTION + "/${exchangeProperty.orderId}/refund");

        // the payment gateway is outside Caravan: no service token, and its own (shorter) response timeout
        InternalCall.defineExternal(this, GATEWAY_CHARGE, "order-client-gateway-charge", "POST",
                "{{caravan.payment.gateway-url}}", "/payments", "{{caravan.payment.timeout-ms:2000}}");
        InternalCall.defineExternal(this, GATEWAY_VOID, "order-client-gateway-void", "POST",
                "{{caravan.payment.gateway-url}}", "/payments/${exchangeProperty.orderId}/void", "{{caravan.payment.timeout-ms:2000}}");
    }
}
