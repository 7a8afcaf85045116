package io.caravan.common.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.SagaPropagation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.caravan.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A fresh PostgreSQL database per test (migrated with db/common) and CamelContexts that each run a
 * {@link JdbcSagaService} on it with a synthetic three-step saga: {@code direct:place} opens the saga and calls
 * steps 1..3; step i logs compensation {@code direct:compensate-i} and completion {@code direct:complete-i} with
 * option {@code key = <header orderKey>-i}, then fails when header {@code failAt} is i. Every participant call
 * that succeeds is a row of {@code test_call}; {@link #failures} makes an endpoint fail N times (-1: always).
 */
abstract class SagaTestSupport {

    protected HikariDataSource dataSource;
    protected JdbcTemplate db;
    /** "compensate-2" -> how many more calls fail (-1: every call). */
    protected final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    /** "compensate-2" -> calls made, failed or not. */
    protected final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<CamelContext> contexts = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        dataSource = TestPostgres.withCommonTables("saga", 12);
        db = new JdbcTemplate(dataSource);
        db.execute("CREATE TABLE test_call (id BIGSERIAL PRIMARY KEY, saga_id TEXT, kind TEXT NOT NULL, step INT NOT NULL, "
                + "option_key TEXT)");
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (CamelContext context : contexts) {
            context.stop();
        }
        dataSource.close();
    }

    /** Short delays so retries and recovery happen within a test. */
    protected SagaProperties fastSettings() {
        SagaProperties settings = new SagaProperties();
        settings.setMaxAttempts(3);
        settings.setRetryDelayMs(20);
        settings.setMaxRetryDelayMs(100);
        settings.setRecoveryPeriodMs(100);
        settings.setLeaseMs(3000);
        settings.setRecoveryBatchSize(5);
        return settings;
    }

    /** A started CamelContext with the synthetic saga routes and a JdbcSagaService on the test database. */
    protected JdbcSagaService startInstance(SagaProperties settings, SagaRecoveryPolicy policy) throws Exception {
        return startInstance(settings, policy, null);
    }

    protected JdbcSagaService startInstance(SagaProperties settings, SagaRecoveryPolicy policy, MeterRegistry meters) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        JdbcSagaService service = new JdbcSagaService(dataSource, settings, policy, meters);
        context.addService(service, true, true);
        context.addRoutes(new SyntheticSagaRoutes());
        context.start();
        contexts.add(context);
        return service;
    }

    protected String status(String sagaId) {
        return db.queryForObject("SELECT status FROM saga WHERE id = ?", String.class, sagaId);
    }

    /** The participant calls that succeeded, as "kind-step:optionKey", in the order they happened. */
    protected List<String> callsOf(String sagaId) {
        return db.queryForList("SELECT kind || '-' || step || ':' || option_key FROM test_call WHERE saga_id = ? "
                + "AND kind <> 'action' ORDER BY id", String.class, sagaId);
    }

    protected String onlySagaId() {
        return db.queryForObject("SELECT id FROM saga", String.class);
    }

    /** A saga as a crashed instance left it: RUNNING, with its steps logged. */
    protected void insertRunningSaga(String id, String owner, String leaseUntil, String timeoutAt, int steps) {
        db.update("INSERT INTO saga (id, status, owner, lease_until, timeout_at) VALUES (?, 'RUNNING', ?, now() + CAST(? AS interval), "
                + "now() + CAST(? AS interval))", id, owner, leaseUntil, timeoutAt);
        for (int i = 1; i <= steps; i++) {
            db.update("INSERT INTO saga_step (saga_id, seq, compensation_uri, completion_uri, options) "
                    + "VALUES (?, ?, ?, ?, CAST(? AS jsonb))", id, i, "direct://compensate-" + i, "direct://complete-" + i,
                    "{\"key\": \"" + id + "-" + i + "\"}");
        }
    }

    private Processor participant(String kind, int step) {
        return exchange -> {
            String name = kind + "-" + step;
            calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            AtomicInteger left = failures.get(name);
            if (left != null && (left.get() < 0 || left.getAndDecrement() > 0)) {
                throw new IllegalStateException(name + " is down");
            }
            db.update("INSERT INTO test_call (saga_id, kind, step, option_key) VALUES (?, ?, ?, ?)",
                    exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class), kind, step,
                    exchange.getMessage().getHeader("key", String.class));
        };
    }

    private final class SyntheticSagaRoutes extends RouteBuilder {
        @Override
        public void configure() {
            from("direct:place").routeId("test-saga-place")
                    .saga()
                    .to("direct:step-1", "direct:step-2", "direct:step-3")
                    .setBody(constant("placed"));
            for (int i = 1; i <= 3; i++) {
                int step = i;
                from("direct:step-" + i).routeId("test-saga-step-" + i)
                        .saga().propagation(SagaPropagation.MANDATORY)
                            .compensation("direct:compensate-" + i)
                            .completion("direct:complete-" + i)
                            .option("key", simple("${header.orderKey}-" + i))
                        .process(participant("action", i))
                        .filter(header("failAt").isEqualTo(step))
                            .throwException(new IllegalStateException("step " + step + " failed"))
                        .end();
                from("direct:compensate-" + i).routeId("test-saga-compensate-" + i).process(participant("compensate", i));
                from("direct:complete-" + i).routeId("test-saga-complete-" + i).process(participant("complete", i));
            }
        }
    }
}
