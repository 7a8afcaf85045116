package io.caravan.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.caravan.testsupport.Http;
import io.caravan.testsupport.ServiceTest;
import io.caravan.testsupport.TestPostgres;

import static io.caravan.user.UserMother.deduction;
import static io.caravan.user.UserMother.newUser;
import static io.caravan.user.UserMother.newUserWithPoints;
import static org.assertj.core.api.Assertions.assertThat;

/** Points under concurrent HTTP calls on a real PostgreSQL: no negative balance, nothing applied twice. */
@ServiceTest
class PointConcurrencyTest {

    static final String DEDUCTIONS = "/internal/points/deductions";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "user");
        // 200 requests queue for 16 connections on one hot row: let them wait rather than time out
        registry.add("spring.datasource.hikari.connection-timeout", () -> "60000");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    Http internal;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        internal = http.withHeader("X-Caravan-Service-Token", "test-token");
        pool = Executors.newFixedThreadPool(64);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void shouldLetExactlyTheAffordableDeductionsSucceedWhen200Race() throws Exception {
        long userId = newUserWithPoints(http, 10_000);
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String body = deduction(UUID.randomUUID().toString(), userId, 100);
            calls.add(() -> internal.post(DEDUCTIONS, body));
        }

        List<Http.Response> answers = runTogether(calls);

        assertThat(answers.stream().filter(a -> a.status() == 200).count()).isEqualTo(100);
        assertThat(answers.stream().filter(a -> a.status() == 409 && "INSUFFICIENT_POINTS".equals(a.code())).count()).isEqualTo(100);
        assertThat(balance(userId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM point_history WHERE user_id = ? AND type = 'USE'", Integer.class, userId))
                .isEqualTo(100);
        assertThat(jdbc.queryForObject("SELECT min(balance_after) FROM point_history WHERE user_id = ?", Long.class, userId)).isZero();
    }

    @RepeatedTest(5)
    void shouldChangeTheBalanceOnceWhenDuplicatedDeductionsAndRefundsRaceInAnyOrder() throws Exception {
        long userId = newUserWithPoints(http, 10_000);
        List<String> orders = new ArrayList<>();
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String orderId = UUID.randomUUID().toString();
            orders.add(orderId);
            for (int copy = 0; copy < 3; copy++) {
                calls.add(() -> internal.post(DEDUCTIONS, deduction(orderId, userId, 100)));
                calls.add(() -> internal.post(DEDUCTIONS + "/" + orderId + "/refund", null));
            }
        }
        java.util.Collections.shuffle(calls, new Random());

        List<Http.Response> answers = runTogether(calls);

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(200, 409));
        assertThat(answers).filteredOn(a -> a.status() == 409).allSatisfy(a -> assertThat(a.code()).isEqualTo("DEDUCTION_REFUNDED"));
        for (String orderId : orders) {
            // whichever came first, every order ends refunded or tombstoned, with its history balanced
            Map<String, Object> row = jdbc.queryForMap("SELECT status FROM point_deduction WHERE order_id = ?::uuid", orderId);
            assertThat(row.get("status")).isIn("REFUNDED", "TOMBSTONE");
            int uses = historyFor(orderId, "USE");
            int refunds = historyFor(orderId, "REFUND");
            assertThat(uses).isEqualTo(refunds).isEqualTo("REFUNDED".equals(row.get("status")) ? 1 : 0);
        }
        assertThat(balance(userId)).isEqualTo(10_000);
        assertHistoryMatchesBalance(userId);
    }

    @Test
    void shouldKeepHistoryAndBalanceInStepUnderRandomConcurrentTraffic() throws Exception {
        Random random = new Random();
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(i == 0 ? newUser(http) : newUserWithPoints(http, 5_000));
        }
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            orderIds.add(UUID.randomUUID().toString());
        }
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long userId = users.get(random.nextInt(users.size()));
            String orderId = orderIds.get(random.nextInt(orderIds.size()));
            long amount = 1 + random.nextInt(3000);
            switch (random.nextInt(3)) {
                case 0 -> {
                    String body = random.nextBoolean() ? "{\"amount\":" + amount + "}"
                            : "{\"amount\":" + amount + ",\"requestId\":\"r-" + random.nextInt(40) + "\"}";
                    calls.add(() -> http.post("/users/" + userId + "/points/charge", body));
                }
                case 1 -> calls.add(() -> internal.post(DEDUCTIONS, deduction(orderId, userId, amount)));
                default -> calls.add(() -> internal.post(DEDUCTIONS + "/" + orderId + "/refund", null));
            }
        }

        List<Http.Response> answers = runTogether(calls);

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(200, 409, 422));
        assertThat(answers.stream().filter(a -> a.status() == 200).count()).isGreaterThan(100);
        for (long userId : users) {
            assertThat(balance(userId)).isGreaterThanOrEqualTo(0);
            assertHistoryMatchesBalance(userId);
            // and the same from the sources: charges - deductions still standing (a refunded one nets to zero)
            long charges = jdbc.queryForObject("SELECT coalesce(sum(amount), 0) FROM point_history WHERE user_id = ? AND type = 'CHARGE'",
                    Long.class, userId);
            long standing = jdbc.queryForObject("SELECT coalesce(sum(amount), 0) FROM point_deduction WHERE user_id = ? AND status = 'DEDUCTED'",
                    Long.class, userId);
            assertThat(balance(userId)).isEqualTo(charges - standing);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM point_deduction d WHERE status = 'REFUNDED' AND"
                + " (SELECT count(*) FROM point_history h WHERE h.order_id = d.order_id AND h.type = 'REFUND') <> 1", Integer.class)).isZero();
    }

    private void assertHistoryMatchesBalance(long userId) {
        Long fromHistory = jdbc.queryForObject("SELECT coalesce(sum(CASE type WHEN 'USE' THEN -amount ELSE amount END), 0)"
                + " FROM point_history WHERE user_id = ?", Long.class, userId);
        assertThat(fromHistory).as("history of user %d", userId).isEqualTo(balance(userId));
    }

    private List<Http.Response> runTogether(List<Callable<Http.Response>> calls) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Http.Response>> futures = new ArrayList<>();
        for (Callable<Http.Response> call : calls) {
            futures.add(pool.submit(() -> {
                gate.await();
                return call.call();
            }));
        }
        gate.countDown();
        List<Http.Response> answers = new ArrayList<>();
        for (Future<Http.Response> f : futures) {
            answers.add(f.get(120, TimeUnit.SECONDS));
        }
        return answers;
    }

    private long balance(long userId) {
        return jdbc.queryForObject("SELECT balance FROM users WHERE id = ?", Long.class, userId);
    }

    private int historyFor(String orderId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM point_history WHERE order_id = ?::uuid AND type = ?", Integer.class, orderId, type);
    }
}
