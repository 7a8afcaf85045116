package io.caravan.common.saga;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Finishes the sagas nobody is finishing, on start-up (once the routes run) and every
 * {@code caravan.saga.recovery-period-ms}:
 * <ul>
 * <li>RUNNING sagas whose owner's lease expired (the instance died), and this instance's own RUNNING sagas past
 * their timeout, are decided by the {@link SagaRecoveryPolicy} and then finished;</li>
 * <li>COMPENSATING/COMPLETING sagas whose owner died or gave up (back-off passed) are finished: only their steps
 * not yet done are called again.</li>
 * </ul>
 * A saga is claimed by writing this instance's id and a lease in the same statement that selects it with
 * {@code FOR UPDATE SKIP LOCKED}; while this instance works on a saga it renews the lease every lease-ms / 3.
 * Also keeps the gauges {@code caravan.saga.compensating}, {@code caravan.saga.completing} and
 * {@code caravan.saga.stuck} (RUNNING past their timeout), refreshed every pass, and deletes old finished sagas.
 */
final class SagaRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SagaRecovery.class);
    private static final int MAX_BATCHES_PER_PASS = 20;
    private static final int PURGE_EVERY_PASSES = 100;

    private final JdbcSagaService service;
    private final MeterRegistry meters;
    private final AtomicReference<SagaStore.Counts> counts = new AtomicReference<>(new SagaStore.Counts(0, 0, 0));
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<Meter> gauges = new ArrayList<>();
    private ScheduledExecutorService timer;
    private long passes;

    SagaRecovery(JdbcSagaService service, MeterRegistry meters) {
        this.service = service;
        this.meters = meters;
    }

    void start() throws Exception {
        CamelContext context = service.getCamelContext();
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "CaravanSagaRecovery");
        if (meters != null) {
            gauges.add(Gauge.builder("caravan.saga.compensating", counts, c -> c.get().compensating())
                    .description("Sagas deciding to undo whose compensations are not all done yet").register(meters));
            gauges.add(Gauge.builder("caravan.saga.completing", counts, c -> c.get().completing())
                    .description("Sagas deciding to finish whose completions are not all done yet").register(meters));
            gauges.add(Gauge.builder("caravan.saga.stuck", counts, c -> c.get().stuckRunning())
                    .description("Sagas still RUNNING past their timeout").register(meters));
        }
        // the first pass waits for the routes: compensations are usually direct: routes of this context
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                if (alreadyStarted) {
                    schedule();
                }
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                schedule();
            }
        });
    }

    void stop() {
        if (timer != null) {
            service.getCamelContext().getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
        if (meters != null) {
            gauges.forEach(meters::remove);
        }
        gauges.clear();
    }

    private void schedule() {
        if (timer != null && scheduled.compareAndSet(false, true)) {
            long lease = service.properties().getLeaseMs();
            timer.scheduleWithFixedDelay(this::renewLeases, lease / 3, lease / 3, TimeUnit.MILLISECONDS);
            timer.scheduleWithFixedDelay(this::pass, 0, service.properties().getRecoveryPeriodMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** One recovery pass: claims and finishes batches of abandoned sagas, refreshes the gauges. */
    synchronized void pass() {
        SagaProperties settings = service.properties();
        try {
            int batches = 0;
            List<SagaStore.Claim> claims;
            do {
                claims = service.store().claim(service.instanceId(), settings.getLeaseMs(), settings.getRecoveryBatchSize(),
                        service.finisher().busy());
                claims.forEach(this::recover);
            } while (claims.size() == settings.getRecoveryBatchSize() && ++batches < MAX_BATCHES_PER_PASS);
            service.forgetUnloggedPastTimeout();
            counts.set(service.store().counts());
            if (passes++ % PURGE_EVERY_PASSES == 0) {
                service.store().purgeFinished(settings.getRetention().toMillis());
            }
        } catch (RuntimeException e) {
            LOG.warn("Saga recovery pass failed (will try again): {}", e.getMessage());
        }
    }

    private void recover(SagaStore.Claim claim) {
        String id = claim.id();
        try {
            SagaStatus direction = claim.status();
            if (direction == SagaStatus.RUNNING) {
                service.running().remove(id);
                List<SagaStep> steps = service.store().steps(id);
                SagaRecoveryPolicy.Decision decision = service.policy().decide(id, steps);
                direction = decision == SagaRecoveryPolicy.Decision.COMPLETE ? SagaStatus.COMPLETING : SagaStatus.COMPENSATING;
                if (!service.store().decide(id, direction, service.instanceId(), service.properties().getLeaseMs(), service.instanceId())) {
                    return; // the route decided it meanwhile
                }
                LOG.warn("Saga {} was interrupted while RUNNING ({} steps): recovery decided {}", id, steps.size(), direction);
            } else {
                LOG.info("Saga {} is resumed: {}", id, direction);
            }
            service.finisher().finish(id, direction, null);
        } catch (RuntimeException e) {
            LOG.warn("Saga {} could not be recovered now ({}); it will be tried again", id, e.getMessage());
            try {
                service.store().park(id, service.instanceId(), service.properties().getRetryDelayMs(), service.properties().getMaxRetryDelayMs());
            } catch (RuntimeException ignored) {
                // the lease expires on its own
            }
        }
    }

    private void renewLeases() {
        Set<String> ids = new HashSet<>(service.running());
        ids.addAll(service.finisher().busy());
        try {
            service.store().renew(service.instanceId(), ids, service.properties().getLeaseMs());
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the leases of {} sagas: {}", ids.size(), e.getMessage());
        }
    }
}
