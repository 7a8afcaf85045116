package io.caravan.common.saga;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaStep;

/**
 * One saga as the Saga EIP sees it. It holds no state of its own: every call reads or changes the saga log, so
 * any instance can finish a saga another one began.
 */
final class JdbcSagaCoordinator implements CamelSagaCoordinator {

    private final JdbcSagaService service;
    private final String id;

    JdbcSagaCoordinator(JdbcSagaService service, String id) {
        this.service = service;
        this.id = id;
    }

    @Override
    public String getId() {
        return id;
    }

    /**
     * Called by the Saga EIP before the step's action runs: evaluates the step's options on the exchange now and
     * logs the step with them (committed before the action starts).
     */
    @Override
    public CompletableFuture<Void> beginStep(Exchange exchange, CamelSagaStep step) {
        if (step.isEmpty() && step.getTimeoutInMilliseconds().isEmpty()) {
            return CompletableFuture.completedFuture(null); // nothing to finish and no deadline to keep
        }
        Map<String, String> options = new TreeMap<>();
        for (Map.Entry<String, Expression> option : step.getOptions().entrySet()) {
            try {
                Object value = option.getValue() == null ? null : option.getValue().evaluate(exchange, Object.class);
                if (value != null) {
                    String text = exchange.getContext().getTypeConverter().convertTo(String.class, exchange, value);
                    options.put(option.getKey(), text != null ? text : value.toString());
                }
            } catch (Exception e) {
                return CompletableFuture.failedFuture(new RuntimeCamelException("Cannot evaluate saga option '" + option.getKey() + "'", e));
            }
        }
        try {
            boolean logged = service.logStep(id, step.getCompensation().map(Endpoint::getEndpointUri).orElse(null),
                    step.getCompletion().map(Endpoint::getEndpointUri).orElse(null), options,
                    step.getTimeoutInMilliseconds().orElse(null));
            if (!logged) {
                SagaStatus now = service.store().status(id).orElse(null);
                // not in the log: a saga whose timeout passed before its first step (nothing was logged for it)
                return CompletableFuture.failedFuture(new SagaNotRunningException(id, now,
                        now == null ? "begin a step after the saga's timeout" : "begin a step"));
            }
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> compensate(Exchange exchange) {
        return service.end(id, SagaStatus.COMPENSATING, exchange);
    }

    @Override
    public CompletableFuture<Void> complete(Exchange exchange) {
        return service.end(id, SagaStatus.COMPLETING, exchange);
    }
}
