package io.caravan.order.payment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.order.OrderEndpoints.*;

/**
 * The SANDBOX payment gateway: a simulation of an external card processor, served by order-app itself under
 * {@code /sandbox} so local runs and tests need no real gateway (point {@code caravan.payment.gateway-url} at a
 * real one in production). No money moves. It approves every card token except {@code tok_declined} (402
 * PAYMENT_DECLINED) and {@code tok_timeout} (it records the capture, then answers after
 * {@code caravan.payment.sandbox.slow-answer-ms}, later than the order saga waits). Charges and voids are
 * idempotent by orderId; a void before any charge leaves a tombstone that refuses the late charge (409
 * PAYMENT_VOIDED). Its state is its own table, {@code sandbox_payment}, as an outside system would keep it.
 */
@Component
public class SandboxGatewayRoutes extends RouteBuilder {

    static final String CHARGE = "sandboxCharge";

    @Override
    public void configure() {
        rest("/sandbox/payments").description("SANDBOX payment gateway (simulated; no real payments)")
                .post()
                    .description("Capture a card payment (simulated), idempotent by orderId")
                    .type(SandboxCharge.class)
                    .responseMessage().code(200).message("{paymentId, orderId, status: CAPTURED}").endResponseMessage()
                    .responseMessage().code(402).message("PAYMENT_DECLINED (tok_declined)").endResponseMessage()
                    .responseMessage().code(409).message("PAYMENT_VOIDED (voided before the charge)").endResponseMessage()
                    .to(SANDBOX_CHARGE)
                .post("/{orderId}/void")
                    .description("Void the payment of an order (simulated), idempotent; a tombstone when none was captured")
                    .param().name("orderId").type(RestParamType.path).dataType("string").endParam()
                    .to(SANDBOX_VOID);

        from(SANDBOX_CHARGE).routeId(ROUTE_SANDBOX_CHARGE).routeConfigurationId(RestErrorPolicy.ID)
                .process(e -> e.setProperty(CHARGE, RequestReader.body(e, SandboxCharge.class)))
                .filter(e -> "tok_declined".equals(charge(e).cardToken()))
                    .throwException(new ProblemException(402, "PAYMENT_DECLINED", "The card was declined (sandbox)"))
                .end()
                .to("sql:classpath:sql/order/sandbox-capture.sql?outputType=SelectOne")
                .choice()
                    .when(body().isNull())
                        .to("sql:SELECT order_id, payment_id, amount, status FROM sandbox_payment "
                                + "WHERE order_id = :#${exchangeProperty.sandboxCharge.orderId}?outputType=SelectOne")
                        .process(SandboxGatewayRoutes::refuseWhenVoided)
                    .when(e -> "tok_timeout".equals(charge(e).cardToken()))
                        // simulated slow gateway: the capture is recorded, the answer comes too late for the client
                        .delay(simple("{{caravan.payment.sandbox.slow-answer-ms:4000}}")).syncDelayed().end()
                .end()
                .process(SandboxGatewayRoutes::answer)
                .process(Responses.json(200));

        from(SANDBOX_VOID).routeId(ROUTE_SANDBOX_VOID).routeConfigurationId(RestErrorPolicy.ID)
                .process(SandboxGatewayRoutes::readOrderId)
                .to("sql:classpath:sql/order/sandbox-void.sql?outputType=SelectOne")
                .process(SandboxGatewayRoutes::answer)
                .process(Responses.json(200));
    }

    static SandboxCharge charge(Exchange exchange) {
        return exchange.getProperty(CHARGE, SandboxCharge.class);
    }

    @SuppressWarnings("unchecked")
    static void answer(Exchange exchange) {
        Map<String, Object> row = exchange.getMessage().getBody(Map.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentId", row.get("payment_id").toString());
        body.put("orderId", row.get("order_id"));
        body.put("amount", row.get("amount"));
        body.put("status", row.get("status"));
        exchange.getMessage().setBody(body);
    }

    /** A void came first (a tombstone) or after the capture: the charge is refused. */
    @SuppressWarnings("unchecked")
    static void refuseWhenVoided(Exchange exchange) {
        Map<String, Object> row = exchange.getMessage().getBody(Map.class);
        if ("VOIDED".equals(row.get("status"))) {
            throw ProblemException.conflict("PAYMENT_VOIDED", "This order's payment was voided");
        }
    }

    static void readOrderId(Exchange exchange) {
        String orderId = exchange.getMessage().getHeader("orderId", String.class);
        if (orderId == null || orderId.isBlank() || orderId.length() > 100) {
            throw ProblemException.validation("orderId", "must be 1 to 100 characters");
        }
        exchange.setProperty("orderId", orderId);
    }
}
