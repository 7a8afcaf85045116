package io.caravan.order.saga;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.problem.ProblemException;
import io.caravan.order.OrderEvents;

import static io.caravan.order.OrderEndpoints.*;

/**
 * The first step of the order saga, create the order PENDING (undone by marking it FAILED), and the completion
 * that finishes it. Completing is the saga's completion, not a forward action: the last step records (as its
 * option) what the completed order looks like, and the completion {@code FINISH_ORDER} writes it when the saga
 * completes, whether the route completes it or recovery does after a crash. The last step is the card payment,
 * or, for an order with nothing left to pay, the step "complete" here, which has nothing else to do.
 */
@Component
public class OrderLifecycleRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // create the order PENDING  |  compensation: mark it FAILED (runs last: every other step is undone by then)
        from(CREATE_ORDER).routeId(ROUTE_CREATE_ORDER).errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(OPTION_ORDER_ID, SagaSteps.draft(OrderDraft::getOrderId))
                    .compensation(FAIL_ORDER)
                // the order, its lines and OrderCreated in one statement on its own, no transaction around it
                .process(OrderEvents::orderCreated)
                .process(Outbox::prepareRows)
                .to("sql:classpath:sql/order/insert-order.sql?outputType=SelectOne")
                .process(Outbox::clear)
                .filter(body().isNull())
                    // a concurrent twin with the same key placed its order first: name that one
                    .to("sql:classpath:sql/order/find-order-by-request.sql?outputType=SelectOne")
                    .process(OrderLifecycleRoutes::requestInProgress)
                .end();

        from(FAIL_ORDER).routeId(ROUTE_FAIL_ORDER).errorHandler(noErrorHandler())
                .setProperty(SagaSteps.ORDER_ID, header(OPTION_ORDER_ID))
                .to(FAIL_ORDER_TX);

        // FAILED once no step is left UNDOING; otherwise this compensation fails too, so the saga log keeps it
        // pending and runs it again after the step still undoing (the order stays COMPENSATING meanwhile)
        Transactions.route(this, FAIL_ORDER_TX, ROUTE_FAIL_ORDER_TX)
                .to("sql:classpath:sql/order/mark-failed.sql?outputType=SelectOne")
                .choice()
                    .when(body().isNotNull())
                        .process(OrderEvents::orderFailed)
                        .to(Outbox.WRITE)
                    .otherwise()
                        .to("sql:classpath:sql/order/step-undoing.sql?outputType=SelectOne")
                        .filter(body().isNotNull())
                            .throwException(IllegalStateException.class, "Order ${exchangeProperty.orderId} still has a step to undo")
                        .end()
                .end();

        // complete (nothing left to pay): nothing to undo; its completion finishes the order from the outcome it records
        from(COMPLETE_ORDER).routeId(ROUTE_COMPLETE_ORDER).errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(OPTION_ORDER_ID, SagaSteps.draft(OrderDraft::getOrderId))
                    .option(OrderOutcome.OPTION, SagaSteps.draft(OrderOutcome::optionOf))
                    .completion(FINISH_ORDER)
                .log(LoggingLevel.DEBUG, "Order ${exchangeProperty.order.orderId}: every step succeeded");

        // completion: COMPLETED with its amounts and prices, and the events, in one statement on its own; once only
        from(FINISH_ORDER).routeId(ROUTE_FINISH_ORDER).errorHandler(noErrorHandler())
                .process(OrderOutcome::fromOption)
                .process(OrderEvents::orderCompleted)
                .process(Outbox::prepareRows)
                .to("sql:classpath:sql/order/complete-order.sql?outputType=SelectOne")
                .process(Outbox::clear);
    }

    @SuppressWarnings("unchecked")
    static void requestInProgress(Exchange exchange) {
        Map<String, Object> first = exchange.getMessage().getBody(Map.class);
        ProblemException problem = ProblemException.conflict("REQUEST_IN_PROGRESS", "An order with this Idempotency-Key is being placed");
        throw first == null ? problem : problem.with("orderId", first.get("id").toString());
    }
}
