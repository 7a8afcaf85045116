package io.caravan.order.saga;

import java.util.function.Function;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.support.ExpressionAdapter;
import org.apache.camel.support.builder.ExpressionBuilder;

import io.caravan.common.internal.BreakerOpenException;
import io.caravan.common.problem.ProblemException;

import static io.caravan.order.OrderEndpoints.OPTION_ORDER_ID;

/**
 * The building blocks every saga step shares.
 *
 * <p>Forward: a step route names itself in {@link #CURRENT} while its participant works, and clears it when the
 * participant said yes. If the participant refuses outright (a 4xx problem), or was not called at all because its
 * circuit breaker is open, the failure is recorded against that step as REFUSED: it did nothing, so its
 * compensation has nothing to undo (and needs no participant that is down). A step whose outcome is unknown
 * (timeout, 5xx, refused connection) is not refused, and is undone.
 *
 * <p>Compensation: Camel calls a compensation for every step that began. Each one first {@link #CLAIM}s the undoing
 * of its step in {@code order_step}; the claim fails (0 rows) when the step was refused or is already undone, and
 * then nothing is called. A claimed step is called off at its participant and marked {@link #UNDONE}; if the
 * participant cannot be reached the row stays UNDOING (Camel retries), which keeps the order COMPENSATING.
 */
public final class SagaSteps {

    public static final String STOCK = "STOCK";
    public static final String POINTS = "POINTS";
    public static final String COUPON = "COUPON";
    public static final String PAYMENT = "PAYMENT";

    /** Exchange property: the step whose participant is being asked right now (forward). */
    public static final String CURRENT = "caravanSagaStep";
    /** Exchange properties of a compensation exchange (copied from its options). */
    public static final String ORDER_ID = "orderId";
    public static final String STEP = "sagaStep";

    public static final String CLAIM = "sql:classpath:sql/order/claim-undo.sql";
    public static final String UNDONE = "sql:classpath:sql/order/mark-undone.sql";

    /** Keeps the saga's exchange (its headers, Long-Running-Action first) and takes only the participant's answer. */
    public static final AggregationStrategy ANSWER = (original, answer) -> {
        original.getMessage().setBody(answer.getMessage().getBody());
        return original;
    };

    private SagaSteps() {}

    /**
     * A value of the order draft as an Expression, for saga options. Plain Java rather than a Simple path such as
     * {@code ${exchangeProperty.order.orderId}}: options are evaluated for every step of every order, and Camel
     * evaluates such a path through its bean component (an exchange copy and a bean introspection each time).
     */
    public static Expression draft(Function<OrderDraft, Object> value) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return value.apply(OrderDraft.of(exchange));
            }
        };
    }

    /** Starts a compensation of {@code step}: the order id option becomes a property (client routes clear headers). */
    public static Processor undoing(String step) {
        return exchange -> {
            exchange.setProperty(ORDER_ID, exchange.getMessage().getHeader(OPTION_ORDER_ID, String.class));
            exchange.setProperty(STEP, step);
        };
    }

    /** True when {@link #CLAIM} claimed the step: it may have taken effect and is not undone yet. */
    public static Predicate claimed() {
        return PredicateBuilder.isEqualTo(ExpressionBuilder.headerExpression(SqlConstants.SQL_UPDATE_COUNT),
                ExpressionBuilder.constantExpression(1));
    }

    /** The step a failure refused outright, or null when the failure happened outside a step or its outcome is unknown. */
    static String refusedStep(Exchange exchange, Throwable failure) {
        String step = exchange.getProperty(CURRENT, String.class);
        if (step != null && failure instanceof ProblemException problem
                && (problem.status() >= 400 && problem.status() < 500 || problem instanceof BreakerOpenException)) {
            return step;
        }
        return null;
    }
}
