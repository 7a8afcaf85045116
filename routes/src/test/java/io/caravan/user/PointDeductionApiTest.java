package io.caravan.user;

import java.util.UUID;

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

import static io.caravan.user.UserMother.deduction;
import static io.caravan.user.UserMother.newUserWithPoints;
import static org.assertj.core.api.Assertions.assertThat;

/** The saga's internal deduction and refund over HTTP on a real PostgreSQL. */
@ServiceTest
class PointDeductionApiTest {

    static final String DEDUCTIONS = "/internal/points/deductions";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "user");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    Http internal;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
        internal = http.withHeader("X-Caravan-Service-Token", "test-token");
    }

    @Test
    void shouldDeductOnceAndAnswerTheSameToARetry() {
        long userId = newUserWithPoints(http, 10_000);
        String orderId = UUID.randomUUID().toString();

        var first = internal.post(DEDUCTIONS, deduction(orderId, userId, 3000));
        var retry = internal.post(DEDUCTIONS, deduction(orderId.toUpperCase(), userId, 3000));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(first.json().path("userId").asLong()).isEqualTo(userId);
        assertThat(first.json().path("amount").asLong()).isEqualTo(3000);
        assertThat(first.json().path("balance").asLong()).isEqualTo(7000);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(balance(userId)).isEqualTo(7000);
        assertThat(history(userId, "USE")).isEqualTo(1);
        assertThat(events("PointUsed", orderId)).isEqualTo(1);
    }

    @Test
    void shouldRefuseInsufficientPointsAndLeaveTheOrderIdFree() {
        long userId = newUserWithPoints(http, 1000);
        String orderId = UUID.randomUUID().toString();

        var refused = internal.post(DEDUCTIONS, deduction(orderId, userId, 1001));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_POINTS");
        assertThat(balance(userId)).isEqualTo(1000);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM point_deduction WHERE order_id = ?::uuid", Integer.class, orderId)).isZero();
        assertThat(internal.post(DEDUCTIONS, deduction(orderId, userId, 1000)).json().path("balance").asLong()).isZero();
    }

    @Test
    void shouldAnswerUserNotFoundAndRecordNothing() {
        String orderId = UUID.randomUUID().toString();

        var answer = internal.post(DEDUCTIONS, deduction(orderId, 987654, 10));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM point_deduction WHERE order_id = ?::uuid", Integer.class, orderId)).isZero();
    }

    @Test
    void shouldRefuseTheSameOrderIdWithAnotherUserOrAmount() {
        long userId = newUserWithPoints(http, 5000);
        long other = newUserWithPoints(http, 5000);
        String orderId = UUID.randomUUID().toString();
        internal.post(DEDUCTIONS, deduction(orderId, userId, 100));

        var otherAmount = internal.post(DEDUCTIONS, deduction(orderId, userId, 200));
        var otherUser = internal.post(DEDUCTIONS, deduction(orderId, other, 100));

        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.code()).isEqualTo("DEDUCTION_CONFLICT");
        assertThat(otherUser.code()).isEqualTo("DEDUCTION_CONFLICT");
        assertThat(balance(userId)).isEqualTo(4900);
        assertThat(balance(other)).isEqualTo(5000);
    }

    @Test
    void shouldRefundOnceAndRefuseALaterDeduction() {
        long userId = newUserWithPoints(http, 10_000);
        String orderId = UUID.randomUUID().toString();
        internal.post(DEDUCTIONS, deduction(orderId, userId, 2500));

        var refund = internal.post(DEDUCTIONS + "/" + orderId + "/refund", null);
        var again = internal.post(DEDUCTIONS + "/" + orderId + "/refund", null);
        var late = internal.post(DEDUCTIONS, deduction(orderId, userId, 2500));

        assertThat(refund.status()).as(refund.body()).isEqualTo(200);
        assertThat(refund.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(refund.json().path("refunded").asLong()).isEqualTo(2500);
        assertThat(refund.json().path("status").asText()).isEqualTo("REFUNDED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(refund.body());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("DEDUCTION_REFUNDED");
        assertThat(balance(userId)).isEqualTo(10_000);
        assertThat(history(userId, "REFUND")).isEqualTo(1);
        assertThat(events("PointRefunded", orderId)).isEqualTo(1);
        var newest = http.get("/users/" + userId + "/points/history").json().path("items").get(0);
        assertThat(newest.path("type").asText()).isEqualTo("REFUND");
        assertThat(newest.path("amount").asLong()).isEqualTo(2500);
        assertThat(newest.path("balanceAfter").asLong()).isEqualTo(10_000);
        assertThat(newest.path("orderId").asText()).isEqualTo(orderId);
    }

    @Test
    void shouldLeaveATombstoneWhenTheRefundComesFirst() {
        long userId = newUserWithPoints(http, 10_000);
        String orderId = UUID.randomUUID().toString();

        var refund = internal.post(DEDUCTIONS + "/" + orderId + "/refund", null);
        var again = internal.post(DEDUCTIONS + "/" + orderId + "/refund", null);
        var late = internal.post(DEDUCTIONS, deduction(orderId, userId, 100));

        assertThat(refund.status()).isEqualTo(200);
        assertThat(refund.json().path("refunded").asLong()).isZero();
        assertThat(refund.json().path("status").asText()).isEqualTo("TOMBSTONE");
        assertThat(again.body()).isEqualTo(refund.body());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("DEDUCTION_REFUNDED");
        assertThat(balance(userId)).isEqualTo(10_000);
        assertThat(events("PointRefunded", orderId)).isZero();
    }

    @Test
    void shouldRefundEvenAboveTheChargeLimit() {
        long userId = newUserWithPoints(http, 10_000_000);
        String orderId = UUID.randomUUID().toString();
        internal.post(DEDUCTIONS, deduction(orderId, userId, 1000));
        assertThat(http.post("/users/" + userId + "/points/charge", "{\"amount\":1000}").status()).isEqualTo(200);

        var refund = internal.post(DEDUCTIONS + "/" + orderId + "/refund", null);

        assertThat(refund.status()).isEqualTo(200);
        assertThat(balance(userId)).isEqualTo(10_001_000);
    }

    @Test
    void shouldRequireTheServiceToken() {
        long userId = newUserWithPoints(http, 1000);
        String orderId = UUID.randomUUID().toString();

        assertThat(http.post(DEDUCTIONS, deduction(orderId, userId, 10)).status()).isEqualTo(401);
        assertThat(http.withHeader("X-Caravan-Service-Token", "wrong").post(DEDUCTIONS + "/" + orderId + "/refund", null).status())
                .isEqualTo(401);
        assertThat(balance(userId)).isEqualTo(1000);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM point_deduction WHERE order_id = ?::uuid", Integer.class, orderId)).isZero();
    }

    @Test
    void shouldAnswerValidationFailedAndChangeNothingForBadInput() {
        long userId = newUserWithPoints(http, 1000);
        String orderId = UUID.randomUUID().toString();
        int deductions = count("point_deduction");
        String[] bodies = {
            "{\"orderId\":\"" + orderId + "\",\"userId\":" + userId + ",\"amount\":\"100\"}",
            "{\"orderId\":\"" + orderId + "\",\"userId\":" + userId + ",\"amount\":1.5}",
            "{\"orderId\":\"" + orderId + "\",\"userId\":" + userId + ",\"amount\":0}",
            "{\"orderId\":\"" + orderId + "\",\"userId\":" + userId + ",\"amount\":-1}",
            "{\"orderId\":\"" + orderId + "\",\"userId\":" + userId + ",\"amount\":99999999999999999999}",
            "{\"orderId\":\"" + orderId + "\",\"userId\":\"" + userId + "\",\"amount\":100}",
            "{\"orderId\":\"" + orderId + "\",\"userId\":0,\"amount\":100}",
            "{\"orderId\":\"not-a-uuid\",\"userId\":" + userId + ",\"amount\":100}",
            "{\"orderId\":42,\"userId\":" + userId + ",\"amount\":100}",
            "{\"userId\":" + userId + ",\"amount\":100}",
            "{\"orderId\":\"" + orderId + "\",\"amount\":100}",
            "{\"orderId\":\"" + orderId + "\",\"userId\":" + userId + "}",
            "{\"orderId\":", "[]", "",
        };
        for (String body : bodies) {
            var answer = internal.post(DEDUCTIONS, body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("SQL");
        }
        var badPath = internal.post(DEDUCTIONS + "/12345/refund", null);
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(balance(userId)).isEqualTo(1000);
        assertThat(count("point_deduction")).isEqualTo(deductions);
    }

    private long balance(long userId) {
        return jdbc.queryForObject("SELECT balance FROM users WHERE id = ?", Long.class, userId);
    }

    private int history(long userId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM point_history WHERE user_id = ? AND type = ?", Integer.class, userId, type);
    }

    private int events(String type, String orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_type = ? AND payload->>'orderId' = ?",
                Integer.class, type, orderId);
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
