package io.caravan.order.coupon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.caravan.testsupport.Http;
import io.caravan.testsupport.ServiceTest;
import io.caravan.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First come, first served under a race, over HTTP on a real PostgreSQL (user-app stood in for by
 * {@link UserAppStub}): never past totalQuantity, never twice to one user.
 */
@ServiceTest
class CouponIssueConcurrencyTest {

    static final UserAppStub USER_APP = UserAppStub.instance();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "order");
        registry.add("caravan.user.url", USER_APP::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        http = new Http("http://localhost:" + port);
        pool = Executors.newFixedThreadPool(100);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void shouldIssueExactlyTotalQuantityWhenThousandUsersRace() throws Exception {
        long couponId = createCoupon(100);

        Map<String, Long> outcomes = race(1_000, i -> issue(couponId, i + 1));

        assertThat(outcomes).containsEntry("201", 100L).containsEntry("409 COUPON_SOLD_OUT", 900L).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT issued_quantity FROM coupon WHERE id = ?", Long.class, couponId)).isEqualTo(100);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM issued_coupon WHERE coupon_id = ?", Long.class, couponId)).isEqualTo(100);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT user_id) FROM issued_coupon WHERE coupon_id = ?", Long.class, couponId))
                .isEqualTo(100);
    }

    @Test
    void shouldIssueOnceWhenOneUserRacesFiftyTimes() throws Exception {
        long couponId = createCoupon(100);

        Map<String, Long> outcomes = race(50, i -> issue(couponId, 4242));

        assertThat(outcomes).containsEntry("201", 1L).containsEntry("409 COUPON_ALREADY_ISSUED", 49L).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT issued_quantity FROM coupon WHERE id = ?", Long.class, couponId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM issued_coupon WHERE coupon_id = ?", Long.class, couponId)).isEqualTo(1);
    }

    /** Runs {@code requests} calls at once (all released by one latch) and counts the outcomes "status[ code]". */
    private Map<String, Long> race(int requests, Function<Integer, Http.Response> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int n = i;
            answers.add(pool.submit(() -> {
                start.await();
                Http.Response answer = call.apply(n);
                return answer.status() == 201 ? "201" : answer.status() + " " + answer.code();
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> answer : answers) {
            outcomes.add(answer.get(2, TimeUnit.MINUTES));
        }
        return outcomes.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
    }

    private long createCoupon(long quantity) {
        var created = http.post("/coupons", "{\"name\":\"Race\",\"discountType\":\"RATE\",\"discountValue\":10,\"totalQuantity\":" + quantity + "}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private Http.Response issue(long couponId, long userId) {
        return http.post("/coupons/" + couponId + "/issue", "{\"userId\":" + userId + "}");
    }
}
