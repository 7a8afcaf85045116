package io.caravan.common.saga;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What becomes of sagas nobody is finishing: left by a crashed instance, timed out, or given up on. */
class SagaRecoveryTest extends SagaTestSupport {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void shouldCompensateARunningSagaWhenItsOwnerDied() throws Exception {
        insertRunningSaga("crashed-1", "dead-instance", "-1 second", "30 seconds", 2);

        startInstance(fastSettings(), null);

        await().atMost(BOUND).until(() -> "COMPENSATED".equals(status("crashed-1")));
        assertThat(callsOf("crashed-1")).containsExactly("compensate-2:crashed-1-2", "compensate-1:crashed-1-1");
    }

    @Test
    void shouldCompensateItsOwnRunningSagaPastTheTimeoutButLeaveALiveInstancesSaga() throws Exception {
        SagaProperties settings = fastSettings();
        settings.setInstanceId("me");
        insertRunningSaga("mine-timed-out", "me", "60 seconds", "-1 second", 2);
        insertRunningSaga("other-timed-out", "other-live-instance", "60 seconds", "-1 second", 2);

        JdbcSagaService service = startInstance(settings, null);

        await().atMost(BOUND).until(() -> "COMPENSATED".equals(status("mine-timed-out")));
        service.recoverNow();
        assertThat(status("other-timed-out")).isEqualTo("RUNNING"); // its live owner holds the lease and decides it
        assertThat(callsOf("other-timed-out")).isEmpty();
    }

    @Test
    void shouldCompleteAnInterruptedSagaWhenThePolicySaysComplete() throws Exception {
        insertRunningSaga("paid-1", "dead-instance", "-1 second", "30 seconds", 3);
        List<List<SagaStep>> asked = new CopyOnWriteArrayList<>();
        SagaRecoveryPolicy paymentCaptured = (sagaId, steps) -> {
            asked.add(steps);
            return "paid-1-3".equals(steps.get(2).option("key")) ? SagaRecoveryPolicy.Decision.COMPLETE
                    : SagaRecoveryPolicy.Decision.COMPENSATE;
        };

        startInstance(fastSettings(), paymentCaptured);

        await().atMost(BOUND).until(() -> "COMPLETED".equals(status("paid-1")));
        assertThat(callsOf("paid-1")).containsExactly("complete-3:paid-1-3", "complete-2:paid-1-2", "complete-1:paid-1-1");
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).extracting(SagaStep::seq).containsExactly(1, 2, 3);
        assertThat(asked.get(0).get(0).options()).isEqualTo(Map.of("key", "paid-1-1"));
    }

    @Test
    void shouldResumeACompensatingSagaWithOnlyTheStepsNotYetDone() throws Exception {
        insertRunningSaga("half-undone", "dead-instance", "-1 second", "30 seconds", 3);
        db.update("UPDATE saga SET status = 'COMPENSATING' WHERE id = 'half-undone'");
        db.update("UPDATE saga_step SET status = 'COMPENSATED', done_at = now() WHERE saga_id = 'half-undone' AND seq = 3");

        startInstance(fastSettings(), null);

        await().atMost(BOUND).until(() -> "COMPENSATED".equals(status("half-undone")));
        assertThat(callsOf("half-undone")).containsExactly("compensate-2:half-undone-2", "compensate-1:half-undone-1");
    }

    @Test
    void shouldCallEveryCompensationExactlyOnceWhenTwoInstancesRecoverTheSameBacklog() throws Exception {
        for (int i = 0; i < 50; i++) {
            insertRunningSaga("stuck-" + i, "dead-instance", "-1 second", "-1 second", 2);
        }
        AtomicInteger decidedByA = new AtomicInteger();
        AtomicInteger decidedByB = new AtomicInteger();

        startInstance(fastSettings(), rendezvous(decidedByA, decidedByB));
        startInstance(fastSettings(), rendezvous(decidedByB, decidedByA));

        await().atMost(BOUND).until(() -> db.queryForObject("SELECT count(*) FROM saga WHERE status = 'COMPENSATED'", Integer.class) == 50);
        assertThat(decidedByA.get()).isPositive();
        assertThat(decidedByB.get()).isPositive();
        assertThat(decidedByA.get() + decidedByB.get()).isEqualTo(50);
        assertThat(db.queryForObject("SELECT count(*) FROM test_call WHERE kind = 'compensate'", Integer.class)).isEqualTo(100);
        assertThat(db.queryForObject("SELECT count(*) FROM (SELECT saga_id, step FROM test_call GROUP BY saga_id, step "
                + "HAVING count(*) > 1) twice", Integer.class)).isZero();
    }

    @Test
    void shouldGaugeCompensatingAndStuckSagas() throws Exception {
        insertRunningSaga("stuck-elsewhere", "other-live-instance", "60 seconds", "-1 second", 1);
        failures.put("compensate-1", new AtomicInteger(-1));
        insertRunningSaga("cannot-undo", "dead-instance", "-1 second", "30 seconds", 1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        startInstance(fastSettings(), null, meters);

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(meters.get("caravan.saga.compensating").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("caravan.saga.stuck").gauge().value()).isEqualTo(1.0);
        });
        assertThat(status("cannot-undo")).isEqualTo("COMPENSATING");
    }

    /** Counts its decisions and holds the first one until the other instance decided one too: both work at once. */
    private static SagaRecoveryPolicy rendezvous(AtomicInteger mine, AtomicInteger other) {
        return (sagaId, steps) -> {
            mine.incrementAndGet();
            await().atMost(10, TimeUnit.SECONDS).until(() -> other.get() > 0);
            return SagaRecoveryPolicy.Decision.COMPENSATE;
        };
    }
}
