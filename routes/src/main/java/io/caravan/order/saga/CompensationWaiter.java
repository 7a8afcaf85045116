package io.caravan.order.saga;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets {@code POST /orders} answer a failed order only after its compensations ran. Camel's saga coordinator
 * compensates asynchronously (the {@code InMemorySagaService} of Camel 4.17 returns from {@code compensate()} at
 * once), so the request thread waits here for the last compensation of the saga: the one of its first step,
 * "mark the order FAILED", which Camel runs after every other step was undone (reverse order). The wait is
 * bounded by {@code caravan.saga.compensation-wait-ms}: when a participant cannot be reached the answer goes out
 * anyway and the order stays COMPENSATING while the coordinator keeps retrying.
 */
@Component(CompensationWaiter.NAME)
public class CompensationWaiter {

    public static final String NAME = "orderCompensationWaiter";
    private static final Logger LOG = LoggerFactory.getLogger(CompensationWaiter.class);

    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final long waitMs;

    public CompensationWaiter(@Value("${caravan.saga.compensation-wait-ms:10000}") long waitMs) {
        this.waitMs = waitMs;
    }

    /** Before the saga starts: a later {@link #await} for this order will see a compensation however fast it is. */
    public void expect(String orderId) {
        waiting.put(orderId, new CompletableFuture<>());
    }

    /** Called by the last compensation of the order's saga. */
    public void done(String orderId) {
        CompletableFuture<Void> compensated = waiting.get(orderId);
        if (compensated != null) {
            compensated.complete(null);
        }
    }

    /** Waits (bounded) until the order's compensations finished; false when the bound passed first. */
    public boolean await(String orderId) throws InterruptedException {
        CompletableFuture<Void> compensated = waiting.get(orderId);
        if (compensated == null) {
            return false;
        }
        try {
            compensated.get(waitMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            LOG.warn("Order {} is still compensating after {} ms; answering now, the saga goes on in the background", orderId, waitMs);
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    public void forget(String orderId) {
        waiting.remove(orderId);
    }
}
