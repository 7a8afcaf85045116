package io.caravan.order.saga;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaStep;
import org.apache.camel.saga.InMemorySagaCoordinator;
import org.apache.camel.saga.InMemorySagaService;

/**
 * Camel's {@link InMemorySagaService} and its {@link InMemorySagaCoordinator}, unchanged, except that a saga is
 * forgotten once it is being completed or compensated: in Camel 4.17 the service keeps every coordinator it ever
 * created in a map (one entry per order, never removed). Nothing looks a saga up after that point (a step can no
 * longer begin; its completion or compensation holds the coordinator itself).
 */
public class InMemorySagas extends InMemorySagaService {

    private final Map<String, CamelSagaCoordinator> running = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<CamelSagaCoordinator> newSaga(Exchange exchange) {
        String id = getCamelContext().getUuidGenerator().generateUuid();
        CamelSagaCoordinator coordinator = new Forgetting(new InMemorySagaCoordinator(getCamelContext(), this, id));
        running.put(id, coordinator);
        return CompletableFuture.completedFuture(coordinator);
    }

    @Override
    public CompletableFuture<CamelSagaCoordinator> getSaga(String id) {
        return CompletableFuture.completedFuture(running.get(id));
    }

    /** How many sagas are running (not yet completing or compensating). */
    public int running() {
        return running.size();
    }

    private final class Forgetting implements CamelSagaCoordinator {

        private final CamelSagaCoordinator coordinator;

        Forgetting(CamelSagaCoordinator coordinator) {
            this.coordinator = coordinator;
        }

        @Override
        public String getId() {
            return coordinator.getId();
        }

        @Override
        public CompletableFuture<Void> beginStep(Exchange exchange, CamelSagaStep step) {
            return coordinator.beginStep(exchange, step);
        }

        @Override
        public CompletableFuture<Void> compensate(Exchange exchange) {
            running.remove(getId());
            return coordinator.compensate(exchange);
        }

        @Override
        public CompletableFuture<Void> complete(Exchange exchange) {
            running.remove(getId());
            return coordinator.complete(exchange);
        }
    }
}
