package io.caravan.common.saga;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaService;
import org.apache.camel.saga.CamelSagaStep;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A {@link CamelSagaService} whose state lives in the service database (tables {@code saga}, {@code saga_step}),
 * a drop-in replacement of Camel's {@code InMemorySagaService}: routes keep the plain Saga EIP
 * ({@code saga()}, {@code compensation()}, {@code completion()}, {@code option()}).
 * <ul>
 * <li>{@code beginStep} logs each step with its evaluated options before the step's action runs. The saga itself
 * is logged RUNNING (with its timeout, counted from {@code newSaga}) by the same statement as its first step: until
 * a step is logged there is nothing to finish, so a crash before it leaves nothing behind, and a saga ended
 * without a step writes nothing.</li>
 * <li>{@code compensate}/{@code complete} log the decision first, then call the compensation/completion endpoints
 * of the steps (newest first) with the options as headers and {@code Long-Running-Action}; their future completes
 * only when every step is done (or fails with {@link SagaUnfinishedException} when an endpoint kept failing: the
 * saga then stays COMPENSATING/COMPLETING and is retried in the background).</li>
 * <li>{@link SagaRecovery}, on start-up and every {@code recovery-period-ms}, finishes sagas left behind: claimed
 * with {@code FOR UPDATE SKIP LOCKED} and a lease, so instances sharing a database never recover one twice.</li>
 * </ul>
 * Register it as a context service before the context starts ({@code camelContext.addService(service, true,
 * true)}); {@link SagaConfiguration} does that in the apps.
 */
public class JdbcSagaService extends ServiceSupport implements CamelSagaService {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSagaService.class);

    private final SagaStore store;
    private final SagaProperties properties;
    private final SagaRecoveryPolicy policy;
    private final MeterRegistry meters;
    private final String instanceId;
    /** Sagas begun here and not yet decided: this instance keeps their lease. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** Sagas begun here with no step logged yet, so not in the log either. */
    private final Map<String, Unlogged> unlogged = new ConcurrentHashMap<>();
    private final SagaFinisher finisher = new SagaFinisher(this);
    private CamelContext camelContext;
    private ScheduledExecutorService workers;
    private ProducerTemplate producer;
    private SagaRecovery recovery;

    public JdbcSagaService(DataSource dataSource, SagaProperties properties, SagaRecoveryPolicy policy, MeterRegistry meters) {
        this.store = new SagaStore(dataSource);
        this.properties = properties;
        this.policy = policy == null ? SagaRecoveryPolicy.compensate() : policy;
        this.meters = meters;
        this.instanceId = properties.getInstanceId() == null || properties.getInstanceId().isBlank()
                ? "saga-" + UUID.randomUUID() : properties.getInstanceId();
    }

    @Override
    public CompletableFuture<CamelSagaCoordinator> newSaga(Exchange exchange) {
        String id = UUID.randomUUID().toString();
        unlogged.put(id, new Unlogged(System.nanoTime()));
        running.add(id);
        return CompletableFuture.completedFuture(new JdbcSagaCoordinator(this, id));
    }

    /**
     * Logs a step of a RUNNING saga; the saga's first step logs the saga with it. False when the saga is no longer
     * RUNNING (decided, or its timeout passed before its first step).
     */
    boolean logStep(String id, String compensationUri, String completionUri, Map<String, String> options, Long stepTimeoutMs) {
        Unlogged saga = unlogged.get(id);
        if (saga != null) {
            // steps of one saga may begin at once (a parallel multicast): one logs the saga, the others wait for it
            synchronized (saga) {
                if (unlogged.containsKey(id)) {
                    long left = properties.getTimeout().toMillis() - (System.nanoTime() - saga.beganNanos()) / 1_000_000;
                    if (left <= 0) {
                        return false;
                    }
                    store.createWithFirstStep(id, instanceId, stepTimeoutMs == null ? left : Math.min(left, stepTimeoutMs),
                            properties.getLeaseMs(), compensationUri, completionUri, options);
                    unlogged.remove(id);
                    return true;
                }
            }
        }
        return store.addStep(id, compensationUri, completionUri, options, stepTimeoutMs);
    }

    /** A saga of the log (begun by any instance), or null when the log has no such saga. */
    @Override
    public CompletableFuture<CamelSagaCoordinator> getSaga(String id) {
        try {
            boolean known = running.contains(id) || store.status(id).isPresent();
            return CompletableFuture.completedFuture(known ? new JdbcSagaCoordinator(this, id) : null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void registerStep(CamelSagaStep step) {
        // steps are logged as they begin, with their options
    }

    /** Decides a RUNNING saga (COMPENSATING or COMPLETING) for the route and finishes it; see the class comment. */
    CompletableFuture<Void> end(String id, SagaStatus direction, Exchange exchange) {
        running.remove(id);
        if (unlogged.remove(id) != null) {
            return CompletableFuture.completedFuture(null); // no step: nothing to compensate or complete, nothing logged
        }
        try {
            CompletableFuture<Boolean> finishing;
            if (store.decide(id, direction, instanceId, properties.getLeaseMs(), null)) {
                finishing = finisher.finish(id, direction, exchange);
            } else {
                SagaStatus now = store.status(id).orElse(null);
                // not in the log when its timeout passed before its first step: nothing of it to undo
                if (now == direction.finished() || (now == null && direction == SagaStatus.COMPENSATING)) {
                    return CompletableFuture.completedFuture(null);
                }
                if (now != direction) {
                    return CompletableFuture.failedFuture(new SagaNotRunningException(id, now,
                            direction == SagaStatus.COMPENSATING ? "compensate" : "complete"));
                }
                // already decided the same way (by recovery): wait for it if this instance is finishing it
                finishing = finisher.inProgress(id);
                if (finishing == null) {
                    return CompletableFuture.completedFuture(null);
                }
            }
            Throwable original = direction == SagaStatus.COMPENSATING ? exchange.getException() : null;
            CompletableFuture<Void> outcome = new CompletableFuture<>();
            finishing.whenComplete((done, e) -> {
                if (e == null && Boolean.TRUE.equals(done)) {
                    outcome.complete(null);
                } else {
                    outcome.completeExceptionally(new SagaUnfinishedException(id, direction, original));
                }
            });
            return outcome;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    protected void doStart() throws Exception {
        Set<CamelSagaService> others = new java.util.HashSet<>(camelContext.hasServices(CamelSagaService.class));
        others.addAll(camelContext.getRegistry().findByType(CamelSagaService.class));
        others.remove(this);
        if (!others.isEmpty()) {
            throw new IllegalStateException("Another CamelSagaService is registered next to JdbcSagaService: " + others
                    + ". Register InMemorySagaService only when caravan.saga.store=memory.");
        }
        workers = camelContext.getExecutorServiceManager().newScheduledThreadPool(this, "CaravanSaga", properties.getPoolSize());
        producer = camelContext.createProducerTemplate();
        producer.start();
        recovery = new SagaRecovery(this, meters);
        recovery.start();
    }

    @Override
    protected void doStop() throws Exception {
        // the sagas this instance works on are the ones it holds (a parked saga has no owner): with none, stopping
        // writes nothing. The database may be gone already, and the pool would wait out its connection timeout.
        boolean holding = !running.isEmpty() || !finisher.busy().isEmpty();
        if (recovery != null) {
            recovery.stop();
            recovery = null;
        }
        if (workers != null) {
            camelContext.getExecutorServiceManager().shutdownGraceful(workers);
            workers = null;
        }
        if (producer != null) {
            producer.stop();
            producer = null;
        }
        try {
            if (holding) {
                store.release(instanceId);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not release the saga leases of {} (they expire on their own): {}", instanceId, e.getMessage());
        }
        running.clear();
        unlogged.clear();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Identifies this instance as owner of the sagas it drives ({@code saga.owner}). */
    public String instanceId() {
        return instanceId;
    }

    /** Runs one recovery pass now (tests and operators; the timer runs them every {@code recovery-period-ms}). */
    public void recoverNow() {
        recovery.pass();
    }

    /** When a saga not logged yet began ({@link System#nanoTime()}); also what its first steps synchronize on. */
    private record Unlogged(long beganNanos) {}

    SagaStore store() {
        return store;
    }

    SagaProperties properties() {
        return properties;
    }

    SagaRecoveryPolicy policy() {
        return policy;
    }

    SagaFinisher finisher() {
        return finisher;
    }

    Set<String> running() {
        return running;
    }

    /** Forgets the sagas begun here that never logged a step within their timeout (a route that never ended them). */
    void forgetUnloggedPastTimeout() {
        long timeoutNanos = properties.getTimeout().toNanos();
        long now = System.nanoTime();
        unlogged.entrySet().removeIf(saga -> {
            boolean expired = now - saga.getValue().beganNanos() > timeoutNanos;
            if (expired) {
                running.remove(saga.getKey());
            }
            return expired;
        });
    }

    ScheduledExecutorService workers() {
        return workers;
    }

    ProducerTemplate producer() {
        return producer;
    }
}
