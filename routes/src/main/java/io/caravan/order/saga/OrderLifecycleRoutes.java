package io.caravan.order.saga;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.problem.ProblemException;
import io.caravan.order.OrderEvents;

import static io.caravan.order.OrderEndpoints.*;

/** The first and last steps of the order saga: create the order PENDING (undone by marking it FAILED), and complete it. */
@Component
public class OrderLifecycleRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // create the order PENDING  |  compensation: mark it FAILED (runs last: every other step is undone by then)
        from(CREATE_ORDER).routeId(ROUTE_CREATE_ORDER).errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(OPTION_ORDER_ID, simple("${exchangeProperty.order.orderId}"))
                    .compensation(FAIL_ORDER)
                .to(CREATE_ORDER_TX);

        Transactions.route(this, CREATE_ORDER_TX, ROUTE_CREATE_ORDER_TX)
                .to("sql:classpath:sql/order/insert-order.sql?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(ProblemException.conflict("REQUEST_IN_PROGRESS",
                            "An order with this Idempotency-Key is being placed"))
                .end()
                .to("sql:classpath:sql/order/insert-order-items.sql")
                .process(OrderEvents::orderCreated)
                .to(Outbox.WRITE);

        from(FAIL_ORDER).routeId(ROUTE_FAIL_ORDER).errorHandler(noErrorHandler())
                .setProperty(SagaSteps.ORDER_ID, header(OPTION_ORDER_ID))
                .doTry()
                    .to(FAIL_ORDER_TX)
                .doFinally()
                    .bean(CompensationWaiter.NAME, "done(${exchangeProperty.orderId})")
                .end();

        Transactions.route(this, FAIL_ORDER_TX, ROUTE_FAIL_ORDER_TX)
                .to("sql:classpath:sql/order/mark-failed.sql?outputType=SelectOne")
                .filter(body().isNotNull())
                    .process(OrderEvents::orderFailed)
                    .to(Outbox.WRITE)
                .end();

        // complete: COMPLETED with its amounts, the payment, and the events, in one transaction
        Transactions.route(this, COMPLETE_ORDER, ROUTE_COMPLETE_ORDER)
                .to("sql:classpath:sql/order/complete-order.sql?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(ProblemException.unavailable("The order did not complete in time and is being undone"))
                .end()
                .to("sql:classpath:sql/order/price-order-items.sql")
                .filter(simple("${exchangeProperty.order.amountToPay} > 0"))
                    .to("sql:classpath:sql/order/record-payment.sql")
                .end()
                .process(OrderEvents::orderCompleted)
                .to(Outbox.WRITE);
    }
}
