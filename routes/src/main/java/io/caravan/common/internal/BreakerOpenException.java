package io.caravan.common.internal;

import java.util.Map;

import io.caravan.common.problem.ProblemException;

/**
 * The {@code 503 SERVICE_UNAVAILABLE} of an internal call that was never sent: the route's circuit breaker is
 * open. Unlike a timeout or a 5xx (unknown outcome), the downstream cannot have done anything, so a saga step
 * that failed this way has nothing to undo.
 */
public class BreakerOpenException extends ProblemException {

    public BreakerOpenException(String detail, Map<String, Object> extensions) {
        super(503, "SERVICE_UNAVAILABLE", detail, extensions);
    }
}
