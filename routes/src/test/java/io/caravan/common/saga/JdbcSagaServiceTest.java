package io.caravan.common.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaStep;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The route's side of the saga log: what happens to a saga while the instance that runs it lives. */
class JdbcSagaServiceTest extends SagaTestSupport {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private Exchange place(JdbcSagaService service, Integer failAt) {
        ProducerTemplate template = service.getCamelContext().createProducerTemplate();
        return template.request("direct:place", e -> {
            e.getMessage().setHeader("orderKey", "o-42");
            if (failAt != null) {
                e.getMessage().setHeader("failAt", failAt);
            }
        });
    }

    private static Exchange exchange(JdbcSagaService service) {
        Exchange exchange = new DefaultExchange(service.getCamelContext());
        exchange.getMessage().setHeader("orderKey", "o-42");
        return exchange;
    }

    /** Step {@code n} of the synthetic saga as its route declares it: compensation, completion and option. */
    private static CamelSagaStep step(JdbcSagaService service, int n) {
        return step(service, n, null);
    }

    private static CamelSagaStep step(JdbcSagaService service, int n, Long timeoutMs) {
        CamelContext context = service.getCamelContext();
        return new CamelSagaStep(context.getEndpoint("direct:compensate-" + n), context.getEndpoint("direct:complete-" + n),
                Map.of("key", context.resolveLanguage("simple").createExpression("${header.orderKey}-" + n)), timeoutMs);
    }

    @Test
    void shouldBringTheSagasTimeoutForwardWhenItsFirstStepHasATimeout() throws Exception {
        JdbcSagaService service = startInstance(fastSettings(), null);
        CamelSagaCoordinator saga = service.newSaga(exchange(service)).get();

        assertThat(saga.beginStep(exchange(service), step(service, 1, 1_000L))).succeedsWithin(BOUND);

        assertThat(db.queryForObject("SELECT timeout_at < now() + interval '2 seconds' FROM saga WHERE id = ?",
                Boolean.class, saga.getId())).isTrue();
    }

    @Test
    void shouldForgetASagaThatNeverLoggedAStepOnceItsTimeoutPassed() throws Exception {
        SagaProperties settings = fastSettings();
        settings.setTimeout(Duration.ofMillis(50));
        JdbcSagaService service = startInstance(settings, null);
        // begun and never ended (a route that lost its exchange): recovery's passes forget it after the timeout
        String sagaId = service.newSaga(exchange(service)).get().getId();
        assertThat(service.running()).contains(sagaId);

        await().atMost(BOUND).until(() -> !service.running().contains(sagaId));
        assertThat(service.getSaga(sagaId).get()).isNull();
        assertThat(db.queryForObject("SELECT count(*) FROM saga", Long.class)).isZero();
    }

    @Test
    void shouldLogASagaWithItsFirstStepAndNothingForASagaEndedWithoutAStep() throws Exception {
        JdbcSagaService service = startInstance(fastSettings(), null);

        CamelSagaCoordinator empty = service.newSaga(exchange(service)).get();
        assertThat(service.getSaga(empty.getId()).get()).isNotNull();
        assertThat(empty.complete(exchange(service))).succeedsWithin(BOUND);
        assertThat(db.queryForObject("SELECT count(*) FROM saga", Long.class)).isZero();

        CamelSagaCoordinator saga = service.newSaga(exchange(service)).get();
        assertThat(db.queryForObject("SELECT count(*) FROM saga", Long.class)).isZero();
        assertThat(saga.beginStep(exchange(service), step(service, 1))).succeedsWithin(BOUND);

        assertThat(db.queryForMap("SELECT status, owner, timeout_at > now() + interval '20 seconds' AS later FROM saga WHERE id = ?",
                saga.getId())).containsEntry("status", "RUNNING").containsEntry("owner", service.instanceId())
                .containsEntry("later", true);
        assertThat(db.queryForList("SELECT seq FROM saga_step WHERE saga_id = ?", Integer.class, saga.getId())).containsExactly(1);
        assertThat(saga.compensate(exchange(service))).succeedsWithin(BOUND);
        assertThat(callsOf(saga.getId())).containsExactly("compensate-1:o-42-1");
        assertThat(status(saga.getId())).isEqualTo("COMPENSATED");
    }

    @Test
    void shouldLogTheSagaOnceWhenItsFirstStepsBeginAtOnce() throws Exception {
        JdbcSagaService service = startInstance(fastSettings(), null);
        CamelSagaCoordinator saga = service.newSaga(exchange(service)).get();
        int steps = 3;
        ExecutorService pool = Executors.newFixedThreadPool(steps);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CompletableFuture<Void>>> begun = new ArrayList<>();
            for (int i = 1; i <= steps; i++) {
                CamelSagaStep step = step(service, i);
                begun.add(pool.submit(() -> {
                    start.await();
                    return saga.beginStep(exchange(service), step);
                }));
            }
            start.countDown();
            for (Future<CompletableFuture<Void>> step : begun) {
                assertThat(step.get(20, TimeUnit.SECONDS)).succeedsWithin(BOUND);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(db.queryForList("SELECT id FROM saga", String.class)).containsExactly(saga.getId());
        assertThat(db.queryForList("SELECT seq FROM saga_step ORDER BY seq", Integer.class)).containsExactly(1, 2, 3);
        assertThat(db.queryForList("SELECT compensation_uri FROM saga_step", String.class)).doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseAFirstStepAfterTheSagasTimeoutAndLogNothing() throws Exception {
        SagaProperties settings = fastSettings();
        settings.setTimeout(Duration.ofMillis(50));
        JdbcSagaService service = startInstance(settings, null);
        long began = System.nanoTime();
        CamelSagaCoordinator saga = service.newSaga(exchange(service)).get();
        await().atMost(BOUND).until(() -> System.nanoTime() - began > Duration.ofMillis(60).toNanos());

        assertThat(saga.beginStep(exchange(service), step(service, 1))).failsWithin(BOUND)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(SagaNotRunningException.class);
        assertThat(saga.compensate(exchange(service))).succeedsWithin(BOUND);
        assertThat(db.queryForObject("SELECT count(*) FROM saga", Long.class)).isZero();
        assertThat(calls).isEmpty();
    }

    @Test
    void shouldRunEveryCompletionOnceWhenEveryStepSucceeds() throws Exception {
        JdbcSagaService service = startInstance(fastSettings(), null);

        Exchange answer = place(service, null);

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getBody(String.class)).isEqualTo("placed");
        String sagaId = onlySagaId();
        // the awaited answer came after the completions: nothing to wait for
        assertThat(status(sagaId)).isEqualTo("COMPLETED");
        assertThat(callsOf(sagaId)).containsExactly("complete-3:o-42-3", "complete-2:o-42-2", "complete-1:o-42-1");
        assertThat(db.queryForList("SELECT status FROM saga_step WHERE saga_id = ? ORDER BY seq", String.class, sagaId))
                .containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
        // in the statement that finished the saga (one transaction: one now()), not in one round trip per step
        assertThat(db.queryForObject("SELECT count(*) FROM saga_step st JOIN saga s ON s.id = st.saga_id "
                + "WHERE s.id = ? AND st.done_at = s.updated_at", Integer.class, sagaId)).isEqualTo(3);
    }

    @Test
    void shouldCompensateInReverseOrderBeforeAnsweringWhenStep3Fails() throws Exception {
        JdbcSagaService service = startInstance(fastSettings(), null);

        Exchange answer = place(service, 3);

        assertThat(answer.getException()).hasMessage("step 3 failed");
        String sagaId = onlySagaId();
        // read right after the answer, without waiting: the compensations ran before it, newest step first;
        // step 3 was logged before its action ran, so it is compensated too (participants accept compensation first)
        assertThat(callsOf(sagaId)).containsExactly("compensate-3:o-42-3", "compensate-2:o-42-2", "compensate-1:o-42-1");
        assertThat(status(sagaId)).isEqualTo("COMPENSATED");
        assertThat(db.queryForList("SELECT saga_id FROM test_call WHERE kind = 'compensate'", String.class)).containsOnly(sagaId);
        assertThat(db.queryForList("SELECT status FROM saga_step WHERE saga_id = ? ORDER BY seq", String.class, sagaId))
                .containsExactly("COMPENSATED", "COMPENSATED", "COMPENSATED");
    }

    @Test
    void shouldRetryACompensationWhenItsEndpointFailsTwice() throws Exception {
        failures.put("compensate-2", new AtomicInteger(2));
        JdbcSagaService service = startInstance(fastSettings(), null);

        Exchange answer = place(service, 3);

        assertThat(answer.getException()).hasMessage("step 3 failed");
        String sagaId = onlySagaId();
        assertThat(calls.get("compensate-2")).hasValue(3);
        assertThat(callsOf(sagaId)).containsExactly("compensate-3:o-42-3", "compensate-2:o-42-2", "compensate-1:o-42-1");
        assertThat(status(sagaId)).isEqualTo("COMPENSATED");
    }

    @Test
    void shouldStayCompensatingAndFinishInTheBackgroundWhenACompensationKeepsFailing() throws Exception {
        failures.put("compensate-2", new AtomicInteger(-1));
        JdbcSagaService service = startInstance(fastSettings(), null);

        Exchange answer = place(service, 3);

        assertThat(answer.getException()).isInstanceOf(SagaUnfinishedException.class);
        assertThat(((SagaUnfinishedException) answer.getException()).originalFailure()).hasMessage("step 3 failed");
        String sagaId = onlySagaId();
        assertThat(status(sagaId)).isEqualTo("COMPENSATING");
        // the other steps were undone anyway, and are marked so; recovery keeps retrying the one left
        assertThat(callsOf(sagaId)).containsExactly("compensate-3:o-42-3", "compensate-1:o-42-1");
        assertThat(db.queryForList("SELECT status FROM saga_step WHERE saga_id = ? ORDER BY seq", String.class, sagaId))
                .containsExactly("COMPENSATED", "PENDING", "COMPENSATED");
        await().atMost(BOUND).until(() -> db.queryForObject("SELECT attempts FROM saga WHERE id = ?", Integer.class, sagaId) >= 2);
        assertThat(status(sagaId)).isEqualTo("COMPENSATING");

        failures.get("compensate-2").set(0); // the participant is back

        await().atMost(BOUND).until(() -> "COMPENSATED".equals(status(sagaId)));
        assertThat(callsOf(sagaId)).containsExactly("compensate-3:o-42-3", "compensate-1:o-42-1", "compensate-2:o-42-2");
    }

    @Test
    void shouldRefuseToCompleteASagaRecoveryAlreadyCompensated() throws Exception {
        SagaProperties settings = fastSettings();
        settings.setTimeout(Duration.ofMillis(300));
        JdbcSagaService service = startInstance(settings, null);
        CamelSagaCoordinator saga = service.newSaga(null).get();
        String sagaId = saga.getId();
        assertThat(saga.beginStep(exchange(service), step(service, 1))).succeedsWithin(BOUND);

        await().atMost(BOUND).until(() -> "COMPENSATED".equals(status(sagaId)));
        assertThat(callsOf(sagaId)).containsExactly("compensate-1:o-42-1");

        assertThat(service.getSaga(sagaId).get().complete(null))
                .failsWithin(BOUND).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
        assertThat(status(sagaId)).isEqualTo("COMPENSATED");
    }

    @Test
    void shouldGiveUpTheClaimOfASagaStillRunningWhenStopping() throws Exception {
        JdbcSagaService service = startInstance(fastSettings(), null);
        CamelSagaCoordinator saga = service.newSaga(exchange(service)).get();
        String sagaId = saga.getId();
        assertThat(saga.beginStep(exchange(service), step(service, 1))).succeedsWithin(BOUND);
        assertThat(db.queryForObject("SELECT owner FROM saga WHERE id = ?", String.class, sagaId)).isEqualTo(service.instanceId());

        service.stop();

        // another instance may take it at once instead of after the lease
        assertThat(db.queryForMap("SELECT owner, lease_until FROM saga WHERE id = ?", sagaId))
                .containsEntry("owner", null).containsEntry("lease_until", null);
    }

    @Test
    void shouldWriteNothingWhenStoppingWithNoSagaInFlight() throws Exception {
        JdbcSagaService service = startInstance(fastSettings(), null);
        place(service, null);
        // the answer can come before the finishing of the saga is done: "no saga in flight" is once it is
        await().atMost(BOUND).until(() -> service.running().isEmpty() && service.finisher().busy().isEmpty());
        // a row naming this instance that it does not work on (none should exist): a release would clear it
        insertRunningSaga("not-in-flight", service.instanceId(), "1 hour", "1 hour", 1);

        service.stop();

        assertThat(db.queryForObject("SELECT owner FROM saga WHERE id = 'not-in-flight'", String.class)).isEqualTo(service.instanceId());
    }
}
