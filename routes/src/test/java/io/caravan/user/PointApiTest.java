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

import static io.caravan.user.UserMother.newUser;
import static io.caravan.user.UserMother.newUserWithPoints;
import static org.assertj.core.api.Assertions.assertThat;

/** Balance, charge and history over HTTP on a real PostgreSQL. */
@ServiceTest
class PointApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "user");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
    }

    @Test
    void shouldStartAtZeroAndAnswerBalanceAfterCharge() {
        long userId = newUser(http);
        var balance = http.get("/users/" + userId + "/points");
        assertThat(balance.status()).isEqualTo(200);
        assertThat(balance.json().path("userId").asLong()).isEqualTo(userId);
        assertThat(balance.json().path("balance").asLong()).isZero();

        var charged = http.post("/users/" + userId + "/points/charge", "{\"amount\":1500}");

        assertThat(charged.status()).isEqualTo(200);
        assertThat(charged.json().path("userId").asLong()).isEqualTo(userId);
        assertThat(charged.json().path("balance").asLong()).isEqualTo(1500);
        assertThat(http.get("/users/" + userId + "/points").json().path("balance").asLong()).isEqualTo(1500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_type = 'PointCharged' AND message_key = ?"
                + " AND payload->>'userId' = ? AND payload->>'requestId' IS NULL", Integer.class,
                String.valueOf(userId), String.valueOf(userId))).isEqualTo(1);
    }

    @Test
    void shouldApplyARepeatedRequestIdOnceAndAnswerTheSameBody() {
        long userId = newUser(http);
        String body = "{\"amount\":700,\"requestId\":\"charge-1\"}";

        var first = http.post("/users/" + userId + "/points/charge", body);
        http.post("/users/" + userId + "/points/charge", "{\"amount\":100}");
        var again = http.post("/users/" + userId + "/points/charge", body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.json().path("balance").asLong()).isEqualTo(700);
        assertThat(balance(userId)).isEqualTo(800);
        assertThat(historyRows(userId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_type = 'PointCharged'"
                + " AND payload->>'requestId' = 'charge-1'", Integer.class)).isEqualTo(1);
    }

    @Test
    void shouldKeepRequestIdsPerUser() {
        long a = newUser(http);
        long b = newUser(http);
        String body = "{\"amount\":300,\"requestId\":\"same-key\"}";

        assertThat(http.post("/users/" + a + "/points/charge", body).status()).isEqualTo(200);
        assertThat(http.post("/users/" + b + "/points/charge", body).json().path("balance").asLong()).isEqualTo(300);
        assertThat(balance(a)).isEqualTo(300);
        assertThat(balance(b)).isEqualTo(300);
    }

    @Test
    void shouldRefuseTheSameRequestIdWithAnotherAmountAndChangeNothing() {
        long userId = newUser(http);
        http.post("/users/" + userId + "/points/charge", "{\"amount\":700,\"requestId\":\"k\"}");

        var reused = http.post("/users/" + userId + "/points/charge", "{\"amount\":701,\"requestId\":\"k\"}");

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(balance(userId)).isEqualTo(700);
        assertThat(historyRows(userId)).isEqualTo(1);
    }

    @Test
    void shouldRefuseAChargeBeyondTheLimitAndChangeNothing() {
        long userId = newUserWithPoints(http, 9_500_000);
        int events = count("outbox");

        var refused = http.post("/users/" + userId + "/points/charge", "{\"amount\":500001,\"requestId\":\"over\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("BALANCE_LIMIT_EXCEEDED");
        assertThat(balance(userId)).isEqualTo(9_500_000);
        assertThat(count("outbox")).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM point_charge WHERE request_id = 'over'", Integer.class)).isZero();
        // exactly up to the limit is allowed, and the refused requestId was not used up
        var exact = http.post("/users/" + userId + "/points/charge", "{\"amount\":500000,\"requestId\":\"over\"}");
        assertThat(exact.status()).isEqualTo(200);
        assertThat(exact.json().path("balance").asLong()).isEqualTo(10_000_000);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownUser() {
        for (var answer : new Http.Response[] {
            http.get("/users/987654/points"),
            http.post("/users/987654/points/charge", "{\"amount\":10}"),
            http.post("/users/987654/points/charge", "{\"amount\":10,\"requestId\":\"x\"}"),
            http.get("/users/987654/points/history"),
        }) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("USER_NOT_FOUND");
        }
        assertThat(count("point_charge")).isZero();
    }

    @Test
    void shouldAnswerValidationFailedAndChangeNothingForBadInput() {
        long userId = newUserWithPoints(http, 1000);
        int events = count("outbox");
        String[] bodies = {
            "{\"amount\":\"1000\"}", "{\"amount\":1.5}", "{\"amount\":0}", "{\"amount\":-5}", "{\"amount\":1000001}",
            "{\"amount\":99999999999999999999}", "{}", "{\"requestId\":\"r\"}", "{\"amount\":null}", "{\"amount\":10,",
            "[1]", "\"text\"", "", "{\"amount\":10,\"requestId\":\"\"}", "{\"amount\":10,\"requestId\":\"   \"}",
            "{\"amount\":10,\"requestId\":\"" + "r".repeat(101) + "\"}", "{\"amount\":10,\"requestId\":5}", "{\"amount\":true}",
        };
        for (String body : bodies) {
            var answer = http.post("/users/" + userId + "/points/charge", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.json().path("errors").isArray()).as(body).isTrue();
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("SQL");
        }
        for (String path : new String[] {"/users/abc/points", "/users/0/points", "/users/1.5/points/history",
                "/users/" + userId + "/points/history?limit=0", "/users/" + userId + "/points/history?limit=101",
                "/users/" + userId + "/points/history?limit=x"}) {
            var answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.code()).as(path).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(http.post("/users/abc/points/charge", "{\"amount\":10}").status()).isEqualTo(400);
        assertThat(balance(userId)).isEqualTo(1000);
        assertThat(historyRows(userId)).isEqualTo(1);
        assertThat(count("outbox")).isEqualTo(events);
    }

    @Test
    void shouldListHistoryNewestFirstWithPositiveAmountsAndLimit() {
        long userId = newUser(http);
        http.post("/users/" + userId + "/points/charge", "{\"amount\":1000}");
        http.post("/users/" + userId + "/points/charge", "{\"amount\":2000}");
        String orderId = UUID.randomUUID().toString();
        var deducted = http.withHeader("X-Caravan-Service-Token", "test-token")
                .post("/internal/points/deductions", UserMother.deduction(orderId, userId, 500));
        assertThat(deducted.status()).as(deducted.body()).isEqualTo(200);

        var history = http.get("/users/" + userId + "/points/history");

        assertThat(history.status()).isEqualTo(200);
        var items = history.json().path("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).path("type").asText()).isEqualTo("USE");
        assertThat(items.get(0).path("amount").asLong()).isEqualTo(500);
        assertThat(items.get(0).path("balanceAfter").asLong()).isEqualTo(2500);
        assertThat(items.get(0).path("orderId").asText()).isEqualTo(orderId);
        assertThat(items.get(0).path("createdAt").asText()).endsWith("Z");
        assertThat(items.get(1).path("type").asText()).isEqualTo("CHARGE");
        assertThat(items.get(1).path("balanceAfter").asLong()).isEqualTo(3000);
        assertThat(items.get(1).has("orderId")).isFalse();
        assertThat(items.get(2).path("amount").asLong()).isEqualTo(1000);
        assertThat(items.get(0).path("id").asLong()).isGreaterThan(items.get(1).path("id").asLong());
        assertThat(http.get("/users/" + userId + "/points/history?limit=1").json().path("items")).hasSize(1);
    }

    @Test
    void shouldDescribeEveryNewOperationInTheOpenApiDocument() {
        var paths = http.get("/api-doc").json().path("paths");

        for (String path : new String[] {"/users/{userId}/points", "/users/{userId}/points/charge", "/users/{userId}/points/history",
                "/users/{userId}/notifications", "/internal/points/deductions", "/internal/points/deductions/{orderId}/refund"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.path("/users/{userId}/points/charge").path("post").path("responses").has("409")).isTrue();
    }

    private long balance(long userId) {
        return jdbc.queryForObject("SELECT balance FROM users WHERE id = ?", Long.class, userId);
    }

    private int historyRows(long userId) {
        return jdbc.queryForObject("SELECT count(*) FROM point_history WHERE user_id = ?", Integer.class, userId);
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
