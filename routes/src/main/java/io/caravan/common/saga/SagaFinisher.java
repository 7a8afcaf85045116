package io.caravan.common.saga;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes a decided saga: calls the compensation (or completion) endpoint of every step not yet done, newest
 * step first as Camel's in-memory service does, each with the step's options as headers plus
 * {@code Long-Running-Action}. A failing endpoint is called again after a growing back-off, up to
 * {@code max-attempts}; the other steps are still finished. When every endpoint answered, one statement makes the
 * saga COMPENSATED/COMPLETED and marks its steps done; otherwise the steps whose endpoint answered are marked done
 * and the saga is parked for recovery to try the rest again. A crash before that statement has recovery call the
 * endpoints of those steps again, which a participant takes as it takes any repeated call (DESIGN.md: keyed by
 * {@code orderId}, idempotent).
 */
final class SagaFinisher {

    private static final Logger LOG = LoggerFactory.getLogger(SagaFinisher.class);

    private final JdbcSagaService service;
    private final Map<String, CompletableFuture<Boolean>> inProgress = new ConcurrentHashMap<>();

    SagaFinisher(JdbcSagaService service) {
        this.service = service;
    }

    /** Sagas this instance is finishing now. */
    Set<String> busy() {
        return inProgress.keySet();
    }

    /** The finishing of a saga this instance is running now, or null. */
    CompletableFuture<Boolean> inProgress(String sagaId) {
        return inProgress.get(sagaId);
    }

    /**
     * Starts finishing a saga already in state {@code direction} (COMPENSATING or COMPLETING) and owned by this
     * instance. The future answers true when the saga reached COMPENSATED/COMPLETED, false when a step is left.
     */
    CompletableFuture<Boolean> finish(String sagaId, SagaStatus direction, Exchange parent) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inProgress.putIfAbsent(sagaId, result);
        if (running != null) {
            return running;
        }
        result.whenComplete((done, e) -> inProgress.remove(sagaId, result));
        service.workers().execute(() -> run(sagaId, direction, parent, result));
        return result;
    }

    private void run(String sagaId, SagaStatus direction, Exchange parent, CompletableFuture<Boolean> result) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        List<SagaStep> todo = List.of();
        Queue<SagaStep> answered = new ConcurrentLinkedQueue<>();
        try {
            todo = service.store().steps(sagaId).stream()
                    .filter(step -> step.isPending() && step.uriFor(direction) != null)
                    .sorted(Comparator.comparingInt(SagaStep::seq).reversed())
                    .toList();
            for (SagaStep step : todo) {
                chain = chain.thenCompose(previous -> attempt(step, direction, parent, 1)).thenAccept(done -> {
                    if (done) {
                        answered.add(step);
                    }
                });
            }
        } catch (RuntimeException e) {
            chain = CompletableFuture.failedFuture(e);
        }
        int steps = todo.size();
        chain.whenComplete((ignored, failure) ->
                result.complete(settle(sagaId, direction, failure == null && answered.size() == steps, answered, failure)));
    }

    private boolean settle(String sagaId, SagaStatus direction, boolean allDone, Queue<SagaStep> answered, Throwable failure) {
        try {
            if (allDone) {
                service.store().finish(sagaId, direction);
                LOG.info("Saga {} {}", sagaId, direction.finished());
                return true;
            }
            for (SagaStep step : answered) {
                service.store().markStepDone(sagaId, step.seq(), direction);
            }
            service.store().park(sagaId, service.instanceId(), service.properties().getRetryDelayMs(),
                    service.properties().getMaxRetryDelayMs());
            LOG.warn("Saga {} stays {}: a step is not done yet; recovery will retry it{}", sagaId, direction,
                    failure == null ? "" : " (" + failure.getMessage() + ")");
        } catch (RuntimeException e) {
            LOG.warn("Saga {} state could not be written ({}); recovery will retry it once the lease expires", sagaId, e.getMessage());
        }
        return false;
    }

    /** Calls one step's endpoint; on failure schedules the next attempt. Answers whether the step got done. */
    private CompletableFuture<Boolean> attempt(SagaStep step, SagaStatus direction, Exchange parent, int attempt) {
        Exception failure = call(step, direction, parent);
        if (failure == null) {
            return CompletableFuture.completedFuture(true);
        }
        int max = service.properties().getMaxAttempts();
        LOG.warn("Saga {} step {}: {} at {} failed, attempt {} of {}: {}", step.sagaId(), step.seq(), direction,
                step.uriFor(direction), attempt, max, failure.getMessage());
        if (attempt >= max || !service.isRunAllowed()) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> next = new CompletableFuture<>();
        try {
            service.workers().schedule(() -> attempt(step, direction, parent, attempt + 1).whenComplete((done, e) -> next.complete(e == null && done)),
                    service.properties().retryDelayAfter(attempt), TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) { // stopping
            next.complete(false);
        }
        return next;
    }

    private Exception call(SagaStep step, SagaStatus direction, Exchange parent) {
        try {
            Endpoint endpoint = service.getCamelContext().getEndpoint(step.uriFor(direction));
            Exchange exchange = endpoint.createExchange();
            step.options().forEach(exchange.getMessage()::setHeader);
            exchange.getMessage().setHeader(Exchange.SAGA_LONG_RUNNING_ACTION, step.sagaId());
            Object span = parent == null ? null : parent.getProperty(ExchangePropertyKey.OTEL_ACTIVE_SPAN);
            if (span != null) {
                exchange.setProperty(ExchangePropertyKey.OTEL_ACTIVE_SPAN, span);
            }
            Exchange answer = service.producer().send(endpoint, exchange);
            return answer.getException();
        } catch (Exception e) {
            return e;
        }
    }
}
