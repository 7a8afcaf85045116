package io.caravan.order.saga;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.caravan.common.saga.SagaRecoveryPolicy;
import io.caravan.common.saga.SagaStep;

import static io.caravan.order.OrderEndpoints.FINISH_ORDER;
import static io.caravan.order.OrderEndpoints.OPTION_ORDER_ID;

/**
 * What becomes of an order saga that recovery finds RUNNING: order-app stopped between two steps, or the saga
 * passed {@code caravan.saga.timeout}. It is finished forward (COMPLETE: the completions mark the order COMPLETED
 * with its events and confirm the reservation) when the order got everything it needed:
 * <ul>
 * <li>the card payment was captured (the payment step records the gateway's capture in {@code payment} at once), or</li>
 * <li>the saga began the step "complete", its last when nothing was left to pay (so every step before it
 * succeeded), or the order is COMPLETED already.</li>
 * </ul>
 * Otherwise it is compensated (release, refund, coupon back, void; the order ends FAILED, as
 * {@code SERVICE_UNAVAILABLE} unless a step had recorded its own failure). A charge whose answer was lost with the
 * crash is an unknown outcome like a timeout: voided. An order whose route had already recorded a failure
 * (COMPENSATING) or that is FAILED is compensated: the route had decided to undo it.
 */
@Component
public class OrderSagaRecoveryPolicy implements SagaRecoveryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSagaRecoveryPolicy.class);
    private static final String FINISH_URI = FINISH_ORDER.substring("direct:".length());

    private final JdbcTemplate jdbc;

    public OrderSagaRecoveryPolicy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Decision decide(String sagaId, List<SagaStep> steps) {
        String orderId = steps.stream().map(step -> step.option(OPTION_ORDER_ID)).filter(id -> id != null).findFirst().orElse(null);
        if (orderId == null) {
            return Decision.COMPENSATE;
        }
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT o.status, p.status AS payment FROM orders o "
                + "LEFT JOIN payment p ON p.order_id = o.id WHERE o.id = CAST(? AS uuid)", orderId);
        Decision decision = decide(rows.isEmpty() ? null : rows.get(0), reachedCompletion(steps));
        LOG.info("Order {} (saga {}, {} steps) was interrupted: {}", orderId, sagaId, steps.size(), decision);
        return decision;
    }

    static Decision decide(Map<String, Object> order, boolean reachedCompletion) {
        if (order == null) {
            return Decision.COMPENSATE; // the order was never written: nothing after it ran
        }
        String status = (String) order.get("status");
        if ("COMPENSATING".equals(status) || "FAILED".equals(status)) {
            return Decision.COMPENSATE;
        }
        boolean captured = "CAPTURED".equals(order.get("payment"));
        return "COMPLETED".equals(status) || captured || reachedCompletion ? Decision.COMPLETE : Decision.COMPENSATE;
    }

    /** Whether the saga began its "complete" step: the one whose completion finishes the order and that has nothing to undo. */
    static boolean reachedCompletion(List<SagaStep> steps) {
        return steps.stream().anyMatch(step -> step.compensationUri() == null
                && step.completionUri() != null && step.completionUri().endsWith(FINISH_URI));
    }
}
