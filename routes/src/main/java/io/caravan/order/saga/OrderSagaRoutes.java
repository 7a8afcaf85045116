package io.caravan.order.saga;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;
import io.caravan.common.problem.ProblemException;
import io.caravan.common.problem.Problems;
import io.caravan.common.saga.SagaNotRunningException;
import io.caravan.order.KnownUsers;

import static io.caravan.order.OrderEndpoints.*;
import static io.caravan.order.saga.OrderDraft.of;

/**
 * The order saga (Camel Saga EIP), top to bottom. Each step is a route of its own that joins this saga
 * ({@code MANDATORY}) with its compensation beside it:
 *
 * <pre>
 * step                                     compensation (run in reverse order when a later step fails)
 * create the order PENDING (+OrderCreated) mark it FAILED (+OrderFailed), last, once nothing is left UNDOING
 * (no points to deduct: check the user)    (nothing to undo: a read; skipped for a user confirmed recently)
 * reserve stock at the catalog             release the reservation        (completion: confirm it)
 * deduct points at the user service        refund them
 * apply the coupon (local SQL)             put it back to AVAILABLE
 * pay the rest by card at the gateway      void the payment               (completion: mark the order COMPLETED)
 * or, with nothing left to pay, complete   (nothing to undo)              (completion: mark the order COMPLETED)
 * </pre>
 *
 * The last step carries the order's outcome (its amounts and prices) as an option; its completion marks the order
 * COMPLETED with its events when the saga completes, by the route or by recovery. The card payment can be that
 * step because nothing is left that could fail once the card is charged; a separate "complete" step would only
 * run the same completion a second time.
 *
 * The saga log is durable ({@code JdbcSagaService}): when the saga is decided, the route waits until every
 * compensation (or completion) ran, so the answer goes out after the undoing. If order-app stops mid-saga,
 * recovery finishes it as {@link OrderSagaRecoveryPolicy} decides.
 *
 * When a step fails, the failure is recorded on the order (COMPENSATING, code, detail, the step refused if
 * any) BEFORE the exception leaves the saga, so the compensations see it; then Camel compensates.
 */
@Component
public class OrderSagaRoutes extends RouteBuilder {

    static final String FAILURE = "caravanOrderFailure";
    private static final Logger LOG = LoggerFactory.getLogger(OrderSagaRoutes.class);

    private final KnownUsers knownUsers;

    public OrderSagaRoutes(KnownUsers knownUsers) {
        this.knownUsers = knownUsers;
    }

    @Override
    public void configure() {
        from(PLACE_SAGA).routeId(ROUTE_PLACE_SAGA).errorHandler(noErrorHandler())
                .saga()
                .doTry()
                    .to(CREATE_ORDER)
                    // the points deduction proves the user exists; without points, user-app is asked (404 USER_NOT_FOUND)
                    // unless it confirmed this user recently
                    .filter(e -> of(e).getPointsToUse() == 0 && !knownUsers.contains(of(e).getUserId()))
                        .enrich(USER_CHECK, SagaSteps.ANSWER)
                        .process(e -> knownUsers.remember(of(e).getUserId()))
                    .end()
                    .to(RESERVE_STOCK)
                    .process(e -> of(e).checkPointsWithinTotal())
                    .filter(e -> of(e).getPointsToUse() > 0)
                        .to(DEDUCT_POINTS)
                        .process(e -> knownUsers.remember(of(e).getUserId()))
                    .end()
                    .filter(e -> of(e).getIssuedCouponId() != null)
                        .to(APPLY_COUPON)
                    .end()
                    .process(e -> of(e).requirePaymentMethod())
                    .choice()
                        // the payment's completion completes the order; nothing can fail after a captured payment
                        .when(e -> of(e).getAmountToPay() > 0)
                            .to(PAY_BY_CARD)
                        .otherwise()
                            .to(COMPLETE_ORDER)
                    .end()
                .endDoTry()
                .doCatch(Exception.class)
                    .to(RECORD_FAILURE)
                    .process(OrderSagaRoutes::rethrow)
                .end();

        Transactions.route(this, RECORD_FAILURE, ROUTE_RECORD_FAILURE)
                .process(OrderSagaRoutes::describeFailure)
                .to("sql:classpath:sql/order/record-failure.sql")
                .filter(e -> e.getProperty(FAILURE, OrderFailure.class).refusedStep() != null)
                    .to("sql:classpath:sql/order/record-refused-step.sql")
                .end()
                .filter(e -> of(e).isPriced())
                    .process(e -> e.setProperty(OrderOutcome.OPTION, OrderOutcome.of(of(e))))
                    .to("sql:classpath:sql/order/price-order-items.sql")
                .end();
    }

    /** What failed, as the order will show it, and which step (if any) was refused outright. */
    static void describeFailure(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ProblemException problem = problem(failure);
        if (problem.status() >= 500 && !(failure instanceof ProblemException)) {
            LOG.error("Order {} failed unexpectedly; it is being undone", of(exchange).getOrderId(), failure);
        }
        exchange.setProperty(FAILURE, new OrderFailure(problem.status(), problem.code(), problem.detail(),
                SagaSteps.refusedStep(exchange, failure)));
    }

    /**
     * The problem a failure of the saga is answered with. A saga that was no longer RUNNING when the route went on
     * was decided by recovery after its timeout (caravan.saga.timeout): the order did not finish in time.
     */
    public static ProblemException problem(Throwable failure) {
        if (failure instanceof SagaNotRunningException) {
            return ProblemException.unavailable("The order did not finish in time and is being undone");
        }
        return Problems.of(failure);
    }

    /** Lets the caught failure leave the saga, so that Camel compensates the steps that began. */
    static void rethrow(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw failure != null ? failure : new IllegalStateException("The order saga failed");
    }

    /** A failure as recorded on the order. */
    public record OrderFailure(int status, String code, String detail, String refusedStep) {}
}
