package io.caravan.order.coupon;

import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.caravan.common.consumer.EventConsumers;
import io.caravan.testsupport.Http;
import io.caravan.testsupport.ServiceTest;
import io.caravan.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The coupon endpoints over HTTP on a real PostgreSQL, with user-app stood in for by {@link UserAppStub} over real
 * HTTP (users below 1,000,000 exist), so the real client route is exercised.
 */
@ServiceTest
class CouponApiTest {

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

    @Autowired
    ProducerTemplate producer;

    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
    }

    @Test
    void shouldCreateCouponAndReadItBack() {
        var created = http.post("/coupons", "{\"name\":\"Welcome\",\"discountType\":\"RATE\",\"discountValue\":100,"
                + "\"totalQuantity\":10000000,\"minOrderAmount\":100000000000,\"expiresAt\":\"2030-01-01T09:00:00+09:00\"}");

        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/coupons/" + id);
        var read = http.get("/coupons/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
        assertThat(read.json().path("name").asText()).isEqualTo("Welcome");
        assertThat(read.json().path("discountType").asText()).isEqualTo("RATE");
        assertThat(read.json().path("discountValue").asLong()).isEqualTo(100);
        assertThat(read.json().path("totalQuantity").asLong()).isEqualTo(10_000_000);
        assertThat(read.json().path("issuedQuantity").asLong()).isZero();
        assertThat(read.json().path("minOrderAmount").asLong()).isEqualTo(100_000_000_000L);
        assertThat(read.json().path("expiresAt").asText()).isEqualTo("2030-01-01T00:00:00Z");
    }

    @Test
    void shouldDefaultMinOrderAmountToZeroAndLeaveExpiryOutWhenAbsent() {
        var created = http.post("/coupons", "{\"name\":\"Flat\",\"discountType\":\"FIXED\",\"discountValue\":100000000,\"totalQuantity\":1}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("minOrderAmount").asLong()).isZero();
        assertThat(created.json().path("discountValue").asLong()).isEqualTo(100_000_000);
        assertThat(created.json().has("expiresAt")).isFalse();
    }

    @Test
    void shouldAnswerValidationFailedAndCreateNothingForBadInput() {
        int coupons = count("coupon");
        String ok = "\"name\":\"X\",\"discountType\":\"FIXED\",\"discountValue\":10,\"totalQuantity\":10";
        String[] bodies = {
            "{\"name\":\"X\",\"discountType\":\"PERCENT\",\"discountValue\":10,\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountType\":\"fixed\",\"discountValue\":10,\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountType\":0,\"discountValue\":10,\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountType\":\"RATE\",\"discountValue\":101,\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountType\":\"RATE\",\"discountValue\":0,\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountType\":\"FIXED\",\"discountValue\":0,\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountType\":\"FIXED\",\"discountValue\":100000001,\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountType\":\"FIXED\",\"discountValue\":10,\"totalQuantity\":0}",
            "{\"name\":\"X\",\"discountType\":\"FIXED\",\"discountValue\":10,\"totalQuantity\":10000001}",
            "{\"name\":\"X\",\"discountType\":\"FIXED\",\"discountValue\":\"10\",\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountType\":\"FIXED\",\"discountValue\":1.5,\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountType\":\"FIXED\",\"discountValue\":99999999999999999999,\"totalQuantity\":10}",
            "{" + ok + ",\"minOrderAmount\":-1}",
            "{" + ok + ",\"minOrderAmount\":100000000001}",
            "{" + ok + ",\"expiresAt\":\"tomorrow\"}",
            "{" + ok + ",\"expiresAt\":1893456000}",
            "{\"name\":\"\",\"discountType\":\"FIXED\",\"discountValue\":10,\"totalQuantity\":10}",
            "{\"name\":\"" + "x".repeat(101) + "\",\"discountType\":\"FIXED\",\"discountValue\":10,\"totalQuantity\":10}",
            "{\"name\":42,\"discountType\":\"FIXED\",\"discountValue\":10,\"totalQuantity\":10}",
            "{\"discountType\":\"FIXED\",\"discountValue\":10,\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountValue\":10,\"totalQuantity\":10}",
            "{\"name\":\"X\",\"discountType\":\"FIXED\",",
            "[]",
            "",
        };
        for (String body : bodies) {
            var answer = http.post("/coupons", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.header("Content-Type")).as(body).startsWith("application/problem+json");
            assertThat(answer.json().path("errors").isArray()).as(body).isTrue();
            assertThat(answer.body()).as(body).doesNotContain("Exception").doesNotContain("SQL");
        }
        assertThat(count("coupon")).isEqualTo(coupons);
    }

    @Test
    void shouldAnswerNotFoundOrValidationFailedForUnknownOrNonNumericCouponIds() {
        assertThat(http.get("/coupons/987654").status()).isEqualTo(404);
        assertThat(http.get("/coupons/987654").code()).isEqualTo("COUPON_NOT_FOUND");
        assertThat(http.get("/coupons/abc").status()).isEqualTo(400);
        assertThat(http.get("/coupons/0").status()).isEqualTo(400);
        assertThat(http.get("/coupons/99999999999999999999").status()).isEqualTo(400);
    }

    @Test
    void shouldIssueOnceAndAnswerAlreadyIssuedTheSecondTime() {
        long couponId = createCoupon(10, null);

        var issued = issue(couponId, 42);

        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.json().path("id").asLong()).isPositive();
        assertThat(issued.json().path("couponId").asLong()).isEqualTo(couponId);
        assertThat(issued.json().path("userId").asLong()).isEqualTo(42);
        assertThat(issued.json().path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(issued.json().path("issuedAt").asText()).isNotBlank();
        assertThat(issued.json().path("expiresAt").asText()).isEqualTo("2030-01-01T00:00:00Z");
        var again = issue(couponId, 42);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("COUPON_ALREADY_ISSUED");
        assertThat(http.get("/coupons/" + couponId).json().path("issuedQuantity").asLong()).isEqualTo(1);
        assertThat(issuedRows(couponId)).isEqualTo(1);
    }

    @Test
    void shouldAnswerSoldOutAndIssueNothingWhenEveryCouponIsIssued() {
        long couponId = createCoupon(1, null);
        assertThat(issue(couponId, 1).status()).isEqualTo(201);

        var late = issue(couponId, 2);

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("COUPON_SOLD_OUT");
        assertThat(issuedRows(couponId)).isEqualTo(1);
        assertThat(http.get("/coupons/" + couponId).json().path("issuedQuantity").asLong()).isEqualTo(1);
    }

    @Test
    void shouldAnswerExpiredAndIssueNothingWhenCouponHasExpired() {
        long couponId = createCoupon(10, "2020-01-01T00:00:00Z");

        var answer = issue(couponId, 1);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("COUPON_EXPIRED");
        assertThat(issuedRows(couponId)).isZero();
        assertThat(http.get("/coupons/" + couponId).json().path("issuedQuantity").asLong()).isZero();
    }

    @Test
    void shouldAnswerCouponNotFoundWithoutAskingUserApp() {
        int asked = USER_APP.requests.get();

        var answer = issue(987654, 1);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("COUPON_NOT_FOUND");
        assertThat(USER_APP.requests.get()).isEqualTo(asked);
    }

    @Test
    void shouldAnswerUserNotFoundFromUserAppOverRealHttpAndIssueNothing() {
        long couponId = createCoupon(10, null);
        int asked = USER_APP.requests.get();

        var answer = issue(couponId, UserAppStub.FIRST_UNKNOWN_USER + 1);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(USER_APP.requests.get()).isEqualTo(asked + 1);
        assertThat(issuedRows(couponId)).isZero();
    }

    @Test
    void shouldAnswerServiceUnavailableAndIssueNothingWhenUserAppFails() {
        long couponId = createCoupon(10, null);

        var answer = issue(couponId, UserAppStub.FAILING_USER);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(issuedRows(couponId)).isZero();
    }

    @Test
    void shouldAnswerValidationFailedAndChangeNothingForBadIssueInput() {
        long couponId = createCoupon(10, null);
        int asked = USER_APP.requests.get();
        String[] bodies = {"{\"userId\":\"1\"}", "{\"userId\":1.5}", "{\"userId\":0}", "{\"userId\":-3}", "{}",
            "{\"userId\":null}", "{\"userId\":1", "[1]", ""};
        for (String body : bodies) {
            var answer = http.post("/coupons/" + couponId + "/issue", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(http.post("/coupons/abc/issue", "{\"userId\":1}").status()).isEqualTo(400);
        assertThat(http.post("/coupons/-1/issue", "{\"userId\":1}").status()).isEqualTo(400);
        assertThat(issuedRows(couponId)).isZero();
        assertThat(USER_APP.requests.get()).isEqualTo(asked);
    }

    @Test
    void shouldListUserCouponsNewestFirstWithDerivedStatus() {
        long userId = 777;
        long available = createCoupon(10, null);
        long used = createCoupon(10, null);
        long expiring = createCoupon(10, "2030-01-01T00:00:00Z");
        assertThat(issue(available, userId).status()).isEqualTo(201);
        assertThat(issue(used, userId).status()).isEqualTo(201);
        assertThat(issue(expiring, userId).status()).isEqualTo(201);
        UUID orderId = UUID.randomUUID();
        jdbc.update("UPDATE issued_coupon SET status = 'USED', order_id = ?, used_at = now() WHERE coupon_id = ?", orderId, used);
        jdbc.update("UPDATE coupon SET expires_at = now() - interval '1 minute' WHERE id = ?", expiring);

        var items = http.get("/users/" + userId + "/coupons").json().path("items");

        assertThat(items).hasSize(3);
        assertThat(items.get(0).path("couponId").asLong()).isEqualTo(expiring);
        assertThat(items.get(0).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(items.get(1).path("couponId").asLong()).isEqualTo(used);
        assertThat(items.get(1).path("status").asText()).isEqualTo("USED");
        assertThat(items.get(1).path("orderId").asText()).isEqualTo(orderId.toString());
        assertThat(items.get(2).path("couponId").asLong()).isEqualTo(available);
        assertThat(items.get(2).path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(items.get(2).has("orderId")).isFalse();
        assertThat(items.get(2).path("name").asText()).isEqualTo("Coupon");
        assertThat(items.get(2).path("discountType").asText()).isEqualTo("FIXED");
        assertThat(items.get(2).path("discountValue").asLong()).isEqualTo(1000);
        assertThat(items.get(2).path("userId").asLong()).isEqualTo(userId);
        assertThat(items.get(2).path("issuedAt").asText()).isNotBlank();
    }

    @Test
    void shouldAnswerEmptyListForUnknownUserAndValidationFailedForNonNumericId() {
        var unknown = http.get("/users/987654321/coupons");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("items").isArray()).isTrue();
        assertThat(unknown.json().path("items")).isEmpty();
        assertThat(http.get("/users/abc/coupons").status()).isEqualTo(400);
        assertThat(http.get("/users/0/coupons").code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void shouldIssueWelcomeCouponOncePerEventInOneTransactionWithItsMarker() {
        long couponId = createCoupon(1, null);
        String eventId = UUID.randomUUID().toString();

        welcome(eventId, couponId, 501);
        welcome(eventId, couponId, 501);

        assertThat(issuedRows(couponId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                Integer.class, CouponEndpoints.WELCOME_CONSUMER, eventId)).isEqualTo(1);
        // sold out: refused, and the marker rolls back with the issuance
        String late = UUID.randomUUID().toString();
        assertThatThrownBy(() -> welcome(late, couponId, 502)).hasRootCauseMessage("Every coupon of this kind has been issued");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, late)).isZero();
        assertThat(issuedRows(couponId)).isEqualTo(1);
    }

    @Test
    void shouldServeTheCouponPathsInTheOpenApiDocument() {
        var paths = http.get("/api-doc").json().path("paths");
        assertThat(paths.has("/coupons")).isTrue();
        assertThat(paths.has("/coupons/{couponId}/issue")).isTrue();
        assertThat(paths.has("/users/{userId}/coupons")).isTrue();
    }

    private void welcome(String eventId, long couponId, long userId) {
        Exchange done = producer.send(CouponEndpoints.WELCOME_COUPON_TX, e -> {
            e.getMessage().setHeader(EventConsumers.EVENT_ID, eventId);
            e.setProperty(CouponEndpoints.COUPON_ID, couponId);
            e.setProperty(CouponEndpoints.USER_ID, userId);
        });
        if (done.getException() != null) {
            throw new IllegalStateException(done.getException());
        }
    }

    private long createCoupon(long quantity, String expiresAt) {
        String expiry = expiresAt == null ? "\"2030-01-01T00:00:00Z\"" : "\"" + expiresAt + "\"";
        var created = http.post("/coupons", "{\"name\":\"Coupon\",\"discountType\":\"FIXED\",\"discountValue\":1000,"
                + "\"totalQuantity\":" + quantity + ",\"expiresAt\":" + expiry + "}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private Http.Response issue(long couponId, long userId) {
        return http.post("/coupons/" + couponId + "/issue", "{\"userId\":" + userId + "}");
    }

    private int issuedRows(long couponId) {
        return jdbc.queryForObject("SELECT count(*) FROM issued_coupon WHERE coupon_id = ?", Integer.class, couponId);
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
