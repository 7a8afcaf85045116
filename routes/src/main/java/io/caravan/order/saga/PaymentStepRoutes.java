package io.caravan.order.saga;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

import io.caravan.common.problem.ProblemException;

import static io.caravan.order.OrderEndpoints.*;
import static io.caravan.order.saga.OrderDraft.of;

/**
 * Saga step "pay the rest by card" at the payment gateway, and its compensation (void). A charge that times out
 * has an unknown outcome (the gateway may have captured it): the step is not refused, so the void runs. A capture
 * is recorded in {@code payment} as soon as the gateway confirms it: recovery finishes such an order forward.
 * It is the saga's last step: its completion completes the order, with the outcome it carries as an option.
 */
@Component
public class PaymentStepRoutes extends RouteBuilder {

    static final String AMOUNT = "amount";

    @Override
    public void configure() {
        // charge the card  |  compensation: void by orderId
        from(PAY_BY_CARD).routeId(ROUTE_PAY_BY_CARD).errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(OPTION_ORDER_ID, SagaSteps.draft(OrderDraft::getOrderId))
                    .option(OPTION_AMOUNT, SagaSteps.draft(OrderDraft::getAmountToPay))
                    .option(OrderOutcome.OPTION, SagaSteps.draft(OrderOutcome::optionOf))
                    .compensation(VOID_PAYMENT)
                    .completion(FINISH_ORDER)
                .setProperty(SagaSteps.CURRENT, constant(SagaSteps.PAYMENT))
                .setBody(e -> of(e).chargeRequest())
                .doTry()
                    .enrich(GATEWAY_CHARGE, SagaSteps.ANSWER)
                .doCatch(ProblemException.class)
                    .process(PaymentStepRoutes::declinedOrUnknown)
                .end()
                .process(e -> of(e).paid(e.getMessage().getBody(Map.class)))
                .removeProperty(SagaSteps.CURRENT)
                .to("sql:classpath:sql/order/record-payment.sql");

        from(VOID_PAYMENT).routeId(ROUTE_VOID_PAYMENT).errorHandler(noErrorHandler())
                .process(SagaSteps.undoing(SagaSteps.PAYMENT))
                .setProperty(AMOUNT, header(OPTION_AMOUNT).convertTo(Long.class))
                .to(SagaSteps.CLAIM)
                .filter(SagaSteps.claimed())
                    .setBody(constant("{}"))
                    .to(GATEWAY_VOID)
                    .to("sql:classpath:sql/order/void-payment.sql")
                    .to(SagaSteps.UNDONE)
                .end();
    }

    /** A declined card (402 at the gateway) is the order's 409 PAYMENT_DECLINED; any other refusal is an unknown outcome. */
    static void declinedOrUnknown(Exchange exchange) {
        ProblemException problem = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ProblemException.class);
        if (problem.status() == 402 || "PAYMENT_DECLINED".equals(problem.code())) {
            throw ProblemException.conflict("PAYMENT_DECLINED", "The card was declined");
        }
        if (problem.status() >= 400 && problem.status() < 500) {
            throw ProblemException.unavailable("The payment gateway refused the charge (" + problem.code() + ")");
        }
        throw problem;
    }
}
