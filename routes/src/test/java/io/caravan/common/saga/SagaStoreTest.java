package io.caravan.common.saga;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The saga log's own statements: each commits on its own, outside the caller's transaction. */
class SagaStoreTest extends SagaTestSupport {

    @Test
    void shouldKeepALoggedStepWhenTheCallersTransactionRollsBack() {
        SagaStore store = new SagaStore(dataSource);
        insertRunningSaga("s-1", "me", "30 seconds", "30 seconds", 0);
        TransactionTemplate business = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        business.executeWithoutResult(status -> {
            db.update("INSERT INTO test_call (kind, step) VALUES ('action', 1)"); // the business change
            assertThat(store.addStep("s-1", "direct://compensate-1", null, Map.of("key", "k-1"), null)).isTrue();
            status.setRollbackOnly();
        });

        assertThat(db.queryForObject("SELECT count(*) FROM test_call", Long.class)).isZero();
        assertThat(store.steps("s-1")).singleElement().satisfies(step -> {
            assertThat(step.seq()).isEqualTo(1);
            assertThat(step.options()).containsEntry("key", "k-1");
        });
    }

    @Test
    void shouldNumberStepsInOrderAndBringTheTimeoutForwardForAStepTimeout() {
        SagaStore store = new SagaStore(dataSource);
        store.createWithFirstStep("s-1", "me", 30_000, 30_000, "direct://compensate-1", null, Map.of("key", "k-1"));
        assertThat(db.queryForMap("SELECT status, owner, timeout_at > now() + interval '29 seconds' AS later FROM saga WHERE id = 's-1'"))
                .containsEntry("status", "RUNNING").containsEntry("owner", "me").containsEntry("later", true);

        store.addStep("s-1", null, "direct://complete-2", Map.of(), 1_000L);

        assertThat(store.steps("s-1")).extracting(SagaStep::seq).containsExactly(1, 2);
        assertThat(store.steps("s-1").get(0).options()).containsEntry("key", "k-1");
        assertThat(db.queryForObject("SELECT timeout_at < now() + interval '2 seconds' FROM saga WHERE id = 's-1'", Boolean.class))
                .isTrue();
    }

    @Test
    void shouldKeepUsingTheStatementPreparedOnTheServerWhenStepsLackACompensationOrACompletion() {
        try (HikariDataSource oneConnection = new HikariDataSource()) { // what the server prepared is the connection's
            oneConnection.setJdbcUrl(dataSource.getJdbcUrl());
            oneConnection.setUsername("postgres");
            oneConnection.setMaximumPoolSize(1);
            SagaStore store = new SagaStore(oneConnection);
            insertRunningSaga("s-1", "me", "30 seconds", "30 seconds", 0);

            for (int i = 1; i <= 12; i++) {
                boolean even = i % 2 == 0;
                store.addStep("s-1", even ? null : "direct://compensate-" + i, even ? "direct://complete-" + i : null, Map.of(), null);
            }

            // pgjdbc prepares on the server from the 5th execution on: 8 executions of one statement. An untyped null
            // after a URI (or a URI after it) made it prepare, and the server parse and plan, the statement anew.
            Map<String, Object> prepared = new JdbcTemplate(oneConnection).queryForMap("SELECT count(*) AS statements, "
                    + "sum(generic_plans + custom_plans) AS runs FROM pg_prepared_statements WHERE statement LIKE 'WITH running AS%'");
            assertThat(prepared).containsEntry("statements", 1L).containsEntry("runs", BigDecimal.valueOf(8));
            assertThat(store.steps("s-1")).hasSize(12).element(1).satisfies(step -> {
                assertThat(step.compensationUri()).isNull();
                assertThat(step.completionUri()).isEqualTo("direct://complete-2");
            });
        }
    }

    @Test
    void shouldRefuseAStepOnceTheSagaIsDecided() {
        SagaStore store = new SagaStore(dataSource);
        insertRunningSaga("s-1", "me", "30 seconds", "30 seconds", 0);
        assertThat(store.decide("s-1", SagaStatus.COMPENSATING, "me", 30_000, null)).isTrue();

        assertThat(store.addStep("s-1", "direct://compensate-1", null, Map.of(), null)).isFalse();
        assertThat(store.addStep("no-such-saga", "direct://compensate-1", null, Map.of(), null)).isFalse();
        assertThat(store.steps("s-1")).isEmpty();
    }

    @Test
    void shouldWaitForADecisionBeingWrittenAndThenRefuseTheStep() throws Exception {
        SagaStore store = new SagaStore(dataSource);
        insertRunningSaga("s-1", "me", "30 seconds", "30 seconds", 0);
        TransactionTemplate decider = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> logged = decider.execute(status -> {
                // the decision's update holds the saga row until it commits, as the store's decide() does
                db.update("UPDATE saga SET status = 'COMPENSATING' WHERE id = 's-1' AND status = 'RUNNING'");
                Future<Boolean> step = pool.submit(() -> store.addStep("s-1", "direct://compensate-1", null, Map.of(), null));
                awaitLockWait();
                return step;
            });

            // a step that read the saga as RUNNING without waiting for the row would be logged after the decision,
            // and never finished
            assertThat(logged.get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(store.steps("s-1")).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Until some session of the test database waits for a row lock. */
    private void awaitLockWait() {
        await().atMost(Duration.ofSeconds(10)).until(() -> db.queryForObject("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'", Long.class) > 0);
    }

    @Test
    void shouldLogEveryStepOnceWithItsOwnNumberWhenStepsOfOneSagaBeginAtOnce() throws Exception {
        SagaStore store = new SagaStore(dataSource);
        insertRunningSaga("s-1", "me", "30 seconds", "30 seconds", 0);
        int steps = 8;
        ExecutorService pool = Executors.newFixedThreadPool(steps);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> logged = new ArrayList<>();
            for (int i = 1; i <= steps; i++) {
                String uri = "direct://compensate-" + i;
                logged.add(pool.submit(() -> {
                    start.await();
                    return store.addStep("s-1", uri, null, Map.of(), null);
                }));
            }
            start.countDown();
            for (Future<Boolean> step : logged) {
                assertThat(step.get(20, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.steps("s-1")).extracting(SagaStep::seq).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(store.steps("s-1")).extracting(SagaStep::compensationUri).doesNotHaveDuplicates().hasSize(steps);
    }
}
