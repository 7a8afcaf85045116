package io.caravan.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.testsupport.Http;

import static io.caravan.it.Fixtures.*;
import static io.caravan.it.ProblemAssertions.assertOrderFailed;
import static io.caravan.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API.md endpoint by endpoint, black-box: the success shapes (Location on 201s, paged lists, popular products),
 * every business error code, idempotency (charges by requestId, orders by Idempotency-Key), the service token on
 * /internal/**, no request header echoed, and each app's OpenAPI document. Bad input is in {@link ContractValidationIT}.
 */
class ContractIT {

    private static final CaravanSystem caravan = CaravanSystem.get();
    private static final Duration ASYNC = Duration.ofSeconds(30);

    // --- user-app ------------------------------------------------------------------------------------------------

    @Test
    void shouldCreateReadAndRefuseUsersAsTheContractSays() {
        String email = uniqueEmail();
        Http.Response created = users().post("/users", json("name", "Ada", "email", email));

        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/users/" + id);
        JsonNode user = users().get("/users/" + id).json();
        assertThat(fieldNames(user)).containsExactlyInAnyOrder("id", "name", "email", "createdAt");
        assertThat(user.path("email").asText()).isEqualTo(email);
        JsonNode points = users().get("/users/" + id + "/points").json();
        assertThat(fieldNames(points)).containsExactlyInAnyOrder("userId", "balance");
        assertThat(points.path("userId").asLong()).isEqualTo(id);
        assertThat(points.path("balance").asLong()).isZero();
        assertProblem(users().post("/users", json("name", "Twin", "email", email)), 409, "EMAIL_ALREADY_EXISTS");

        long unknown = Long.MAX_VALUE - 7;
        assertProblem(users().get("/users/" + unknown), 404, "USER_NOT_FOUND");
        assertProblem(users().get("/users/" + unknown + "/points"), 404, "USER_NOT_FOUND");
        assertProblem(users().get("/users/" + unknown + "/points/history"), 404, "USER_NOT_FOUND");
        assertProblem(users().get("/users/" + unknown + "/notifications"), 404, "USER_NOT_FOUND");
        assertProblem(users().post("/users/" + unknown + "/points/charge", "{\"amount\":100}"), 404, "USER_NOT_FOUND");
    }

    @Test
    void shouldApplyChargeOnceAndAnswerTheSameWhenRequestIdRepeats() {
        long user = newUser();
        String requestId = "charge-" + UUID.randomUUID();

        Http.Response first = users().post("/users/" + user + "/points/charge", "{\"amount\":1500,\"requestId\":\"" + requestId + "\"}");
        Http.Response again = users().post("/users/" + user + "/points/charge", "{\"amount\":1500,\"requestId\":\"" + requestId + "\"}");
        Http.Response other = users().post("/users/" + user + "/points/charge", "{\"amount\":500,\"requestId\":\"" + requestId + "-2\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(fieldNames(first.json())).containsExactlyInAnyOrder("userId", "balance");
        assertThat(first.json().path("userId").asLong()).isEqualTo(user);
        assertThat(first.json().path("balance").asLong()).isEqualTo(1_500);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(other.json().path("balance").asLong()).isEqualTo(2_000);
        assertThat(balance(user)).isEqualTo(2_000);
        JsonNode history = pointHistory(user);
        assertThat(history).extracting(h -> h.path("type").asText()).containsExactly("CHARGE", "CHARGE");
        assertThat(fieldNames(history.get(0))).contains("id", "type", "amount", "balanceAfter", "createdAt");
        assertThat(history.get(0).path("amount").asLong()).isEqualTo(500);
        assertThat(history.get(0).path("balanceAfter").asLong()).isEqualTo(2_000);
        assertThat(users().get("/users/" + user + "/points/history?limit=1").json().path("items")).hasSize(1);
    }

    @Test
    void shouldRefuseChargeAboveTheBalanceLimitAndKeepTheBalance() {
        long user = newUserWithPoints(9_999_000);

        assertThat(users().post("/users/" + user + "/points/charge", "{\"amount\":1000}").json().path("balance").asLong()).isEqualTo(10_000_000);
        Http.Response refused = users().post("/users/" + user + "/points/charge", "{\"amount\":1}");

        assertProblem(refused, 409, "BALANCE_LIMIT_EXCEEDED");
        assertThat(balance(user)).isEqualTo(10_000_000);
        assertThat(pointHistory(user)).hasSize(11);
    }

    @Test
    void shouldNotifyTheCustomerWhenAnOrderCompletesOrFails() {
        long user = newUserWithPoints(1_000);
        long product = newProduct(1_000, 1);
        String completed = placeOrder(order(user).item(product, 1).points(1_000)).json().path("orderId").asText();
        String failed = assertOrderFailed(placeOrder(order(user).item(product, 1)), 409, "INSUFFICIENT_STOCK");

        await("notifications of " + user).atMost(ASYNC).untilAsserted(() -> {
            JsonNode items = users().get("/users/" + user + "/notifications").json().path("items");
            assertThat(items).hasSize(2);
            assertThat(items).extracting(n -> n.path("orderId").asText() + " " + n.path("type").asText())
                    .containsExactlyInAnyOrder(completed + " ORDER_COMPLETED", failed + " ORDER_FAILED");
            assertThat(fieldNames(items.get(0))).contains("id", "type", "orderId", "createdAt");
        });
    }

    // --- catalog-app ---------------------------------------------------------------------------------------------

    @Test
    void shouldCreateReadPatchAndRestockProducts() {
        Http.Response created = catalog().post("/products", "{\"name\":\"Lamp\",\"price\":12000,\"stock\":3,\"description\":\"warm\"}");

        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/products/" + id);
        JsonNode product = catalog().get("/products/" + id).json();
        assertThat(fieldNames(product)).containsExactlyInAnyOrder("id", "name", "description", "price", "stock");
        Http.Response patched = catalog().patch("/products/" + id, "{\"name\":\"Desk lamp\",\"price\":13000}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("name").asText()).isEqualTo("Desk lamp");
        assertThat(patched.json().path("price").asLong()).isEqualTo(13_000);
        assertThat(patched.json().path("description").asText()).isEqualTo("warm");
        assertThat(patched.json().path("stock").asLong()).isEqualTo(3);
        Http.Response restocked = catalog().post("/products/" + id + "/stock", "{\"quantity\":4}");
        assertThat(restocked.status()).isEqualTo(200);
        assertThat(restocked.json().path("stock").asLong()).isEqualTo(7);
        assertThat(catalog().get("/products/" + id).json()).isEqualTo(restocked.json());

        long unknown = Long.MAX_VALUE - 3;
        assertProblem(catalog().get("/products/" + unknown), 404, "PRODUCT_NOT_FOUND");
        assertProblem(catalog().patch("/products/" + unknown, "{\"price\":1}"), 404, "PRODUCT_NOT_FOUND");
        assertProblem(catalog().post("/products/" + unknown + "/stock", "{\"quantity\":1}"), 404, "PRODUCT_NOT_FOUND");
    }

    @Test
    void shouldPageProductsById() {
        newProduct(100, 1);
        newProduct(100, 1);
        newProduct(100, 1);

        JsonNode firstPage = catalog().get("/products?page=0&size=2").json();
        JsonNode secondPage = catalog().get("/products?page=1&size=2").json();
        JsonNode defaults = catalog().get("/products").json();

        assertThat(fieldNames(firstPage)).containsExactlyInAnyOrder("items", "page", "size", "total");
        assertThat(firstPage.path("page").asInt()).isZero();
        assertThat(firstPage.path("size").asInt()).isEqualTo(2);
        assertThat(firstPage.path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(firstPage.path("items")).hasSize(2);
        long lastOfFirst = firstPage.path("items").get(1).path("id").asLong();
        assertThat(firstPage.path("items").get(0).path("id").asLong()).isLessThan(lastOfFirst);
        assertThat(secondPage.path("page").asInt()).isEqualTo(1);
        assertThat(secondPage.path("items").get(0).path("id").asLong()).isGreaterThan(lastOfFirst);
        assertThat(defaults.path("page").asInt()).isZero();
        assertThat(defaults.path("size").asInt()).isEqualTo(20);
        long beyond = firstPage.path("total").asLong() / 2 + 10;
        assertThat(catalog().get("/products?page=" + beyond + "&size=2").json().path("items")).isEmpty();
    }

    @Test
    void shouldRankProductsOfCompletedOrdersWithTiesByLowerId() {
        long user = newUser();
        long lower = newProduct(10, 2_000);
        long higher = newProduct(10, 2_000);
        long failedOnly = newProduct(10, 2_000);
        // the same quantity of both (an order line is at most 1,000): a tie, which the lower id wins
        for (long product : List.of(higher, lower)) {
            assertThat(placeOrder(order(user).item(product, 1_000).card("tok_visa")).status()).isEqualTo(201);
        }
        assertOrderFailed(placeOrder(order(user).item(failedOnly, 1_000).card("tok_declined")), 409, "PAYMENT_DECLINED");

        await("popular products").atMost(ASYNC).untilAsserted(() -> {
            JsonNode items = catalog().get("/products/popular?days=1&limit=100").json().path("items");
            JsonNode first = find(items, lower);
            JsonNode second = find(items, higher);
            assertThat(first).as("product %s in %s", lower, items).isNotNull();
            assertThat(second).as("product %s in %s", higher, items).isNotNull();
            assertThat(first.path("soldQuantity").asLong()).isEqualTo(1_000);
            assertThat(second.path("rank").asInt()).isEqualTo(first.path("rank").asInt() + 1);
            assertThat(fieldNames(first)).containsExactlyInAnyOrder("rank", "productId", "name", "price", "soldQuantity");
            assertThat(find(items, failedOnly)).as("a failed order sells nothing").isNull();
        });
        JsonNode defaults = catalog().get("/products/popular").json().path("items");
        assertThat(defaults.size()).isBetween(1, 5);
        assertThat(catalog().get("/products/popular?days=30&limit=1").json().path("items")).hasSize(1);
    }

    // --- order-app: coupons --------------------------------------------------------------------------------------

    @Test
    void shouldCreateIssueAndRefuseCouponsAsTheContractSays() {
        long first = newUser();
        long second = newUser();
        Http.Response created = orders().post("/coupons",
                "{\"name\":\"Only one\",\"discountType\":\"RATE\",\"discountValue\":10,\"totalQuantity\":1,\"minOrderAmount\":5000}");

        assertThat(created.status()).isEqualTo(201);
        long coupon = created.json().path("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/coupons/" + coupon);
        assertThat(fieldNames(created.json())).contains("id", "name", "discountType", "discountValue", "totalQuantity", "issuedQuantity", "minOrderAmount");
        Http.Response issued = orders().post("/coupons/" + coupon + "/issue", "{\"userId\":" + first + "}");
        assertThat(issued.status()).isEqualTo(201);
        assertThat(fieldNames(issued.json())).contains("id", "couponId", "userId", "status", "issuedAt");
        assertThat(issued.json().path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(orders().get("/coupons/" + coupon).json().path("issuedQuantity").asLong()).isEqualTo(1);

        assertProblem(orders().post("/coupons/" + coupon + "/issue", "{\"userId\":" + first + "}"), 409, "COUPON_ALREADY_ISSUED");
        assertProblem(orders().post("/coupons/" + coupon + "/issue", "{\"userId\":" + second + "}"), 409, "COUPON_SOLD_OUT");
        long expired = newCoupon("FIXED", 100, 10, 0, Instant.now().minusSeconds(60));
        assertProblem(orders().post("/coupons/" + expired + "/issue", "{\"userId\":" + second + "}"), 409, "COUPON_EXPIRED");
        long plenty = newCoupon("FIXED", 100);
        assertProblem(orders().post("/coupons/" + plenty + "/issue", "{\"userId\":" + (Long.MAX_VALUE - 11) + "}"), 404, "USER_NOT_FOUND");
        assertProblem(orders().post("/coupons/" + (Long.MAX_VALUE - 5) + "/issue", "{\"userId\":" + second + "}"), 404, "COUPON_NOT_FOUND");
        assertProblem(orders().get("/coupons/" + (Long.MAX_VALUE - 5)), 404, "COUPON_NOT_FOUND");

        assertThat(orders().get("/coupons/" + coupon).json().path("issuedQuantity").asLong()).isEqualTo(1);
        assertThat(orders().get("/coupons/" + expired).json().path("issuedQuantity").asLong()).isZero();
        assertThat(orders().get("/coupons/" + plenty).json().path("issuedQuantity").asLong()).isZero();
        assertThat(orders().get("/users/" + second + "/coupons").json().path("items")).isEmpty();
    }

    @Test
    void shouldShowIssuedCouponAsExpiredOnceItsCouponExpires() {
        long user = newUser();
        long coupon = newCoupon("FIXED", 700, 10, 0, Instant.now().plusSeconds(3));
        long issued = issue(coupon, user);

        JsonNode available = userCoupon(user, issued);

        assertThat(available.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(available.path("couponId").asLong()).isEqualTo(coupon);
        assertThat(available.path("discountType").asText()).isEqualTo("FIXED");
        assertThat(available.path("discountValue").asLong()).isEqualTo(700);
        assertThat(fieldNames(available)).contains("id", "couponId", "userId", "status", "issuedAt", "expiresAt", "name");
        await("coupon " + issued + " EXPIRED").atMost(Duration.ofSeconds(20))
                .until(() -> userCoupon(user, issued).path("status").asText(), "EXPIRED"::equals);
    }

    // --- order-app: orders ---------------------------------------------------------------------------------------

    @Test
    void shouldReplayTheFirstAnswerAndRunNothingTwiceWhenIdempotencyKeyRepeats() {
        long user = newUserWithPoints(2_000);
        long product = newProduct(3_000, 5);
        Http keyed = orders().withHeader("Idempotency-Key", "key-" + UUID.randomUUID());
        String body = order(user).item(product, 1).points(2_000).card("tok_visa").toString();

        Http.Response first = keyed.post("/orders", body);
        Http.Response again = keyed.post("/orders", body);
        Http.Response otherBody = keyed.post("/orders", order(user).item(product, 2).points(2_000).card("tok_visa").toString());

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        JsonNode reused = assertProblem(otherBody, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.path("orderId").asText()).isEqualTo(first.json().path("orderId").asText());
        assertThat(stock(product)).isEqualTo(4);
        assertThat(balance(user)).isZero();
        assertThat(orders().get("/users/" + user + "/orders").json().path("items")).hasSize(1);

        String requestId = "body-" + UUID.randomUUID();
        long restocked = newProduct(1_000, 3);
        Http.Response byBody = placeOrder(order(user).item(restocked, 1).card("tok_visa").requestId(requestId));
        Http.Response byBodyAgain = placeOrder(order(user).item(restocked, 1).card("tok_visa").requestId(requestId));
        assertThat(byBody.status()).isEqualTo(201);
        assertThat(byBody.json().path("requestId").asText()).isEqualTo(requestId);
        assertThat(byBodyAgain.json()).isEqualTo(byBody.json());
        assertThat(stock(restocked)).isEqualTo(2);
    }

    @Test
    void shouldAnswerInProgressWhileTheFirstRunsThenReplayItsFailure() {
        long user = newUserWithPoints(1_000);
        long product = newProduct(2_000, 3);
        String key = "slow-" + UUID.randomUUID();
        Http keyed = orders().withHeader("Idempotency-Key", key);
        String body = order(user).item(product, 1).points(1_000).card("tok_timeout").toString();

        CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> keyed.post("/orders", body));
        await("the first order with key " + key + " to run").atMost(ASYNC)
                .until(() -> caravan.count(App.ORDER, "SELECT count(*) FROM orders WHERE request_id = ? AND status = 'PENDING'", key) == 1);
        Http.Response meanwhile = keyed.post("/orders", body);
        Http.Response answer = first.join();
        Http.Response replay = keyed.post("/orders", body);

        assertProblem(meanwhile, 409, "REQUEST_IN_PROGRESS");
        String orderId = assertOrderFailed(answer, 503, "SERVICE_UNAVAILABLE");
        assertThat(assertOrderFailed(replay, 503, "SERVICE_UNAVAILABLE")).isEqualTo(orderId);
        assertThat(meanwhile.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(stock(product)).isEqualTo(3);
        assertThat(balance(user)).isEqualTo(1_000);
    }

    @Test
    void shouldListAUsersOrdersNewestFirstAndAnswerOrderNotFound() {
        long user = newUserWithPoints(3_000);
        long product = newProduct(1_000, 5);
        String older = placeOrder(order(user).item(product, 1).points(1_000)).json().path("orderId").asText();
        String newer = placeOrder(order(user).item(product, 1).points(1_000)).json().path("orderId").asText();

        JsonNode all = orders().get("/users/" + user + "/orders").json().path("items");
        JsonNode one = orders().get("/users/" + user + "/orders?limit=1").json().path("items");

        assertThat(all).extracting(o -> o.path("orderId").asText()).containsExactly(newer, older);
        assertThat(one).extracting(o -> o.path("orderId").asText()).containsExactly(newer);
        assertThat(orders().get("/users/" + (Long.MAX_VALUE - 13) + "/orders").json().path("items")).isEmpty();
        assertProblem(getOrder(UUID.randomUUID().toString()), 404, "ORDER_NOT_FOUND");
    }

    // --- cross-cutting -------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseInternalEndpointsWithoutTheServiceTokenAndChangeNothing() {
        long user = newUserWithPoints(1_000);
        long product = newProduct(1_000, 5);
        String orderId = UUID.randomUUID().toString();
        String deduction = "{\"orderId\":\"" + orderId + "\",\"userId\":" + user + ",\"amount\":500}";
        String reservation = "{\"orderId\":\"" + orderId + "\",\"items\":[{\"productId\":" + product + ",\"quantity\":2}]}";
        Http wrongToken = caravan.http(App.USER).withHeader("X-Caravan-Service-Token", "not-the-token");

        assertProblem(users().post("/internal/points/deductions", deduction), 401, "UNAUTHORIZED");
        assertProblem(wrongToken.post("/internal/points/deductions", deduction), 401, "UNAUTHORIZED");
        assertProblem(users().post("/internal/points/deductions/" + orderId + "/refund", "{}"), 401, "UNAUTHORIZED");
        assertProblem(catalog().post("/internal/stock/reservations", reservation), 401, "UNAUTHORIZED");
        assertProblem(catalog().post("/internal/stock/reservations/" + orderId + "/release", "{}"), 401, "UNAUTHORIZED");
        assertProblem(catalog().post("/internal/stock/reservations/" + orderId + "/confirm", "{}"), 401, "UNAUTHORIZED");
        assertProblem(orders().get("/internal/anything"), 401, "UNAUTHORIZED");

        assertThat(balance(user)).isEqualTo(1_000);
        assertThat(stock(product)).isEqualTo(5);
        assertThat(caravan.count(App.CATALOG, "SELECT count(*) FROM stock_reservation WHERE order_id = ?::uuid", orderId)).isZero();
        assertThat(caravan.count(App.USER, "SELECT count(*) FROM point_deduction WHERE order_id = ?::uuid", orderId)).isZero();
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void shouldEchoNoRequestHeaderInAnyAnswer(App app) {
        long user = newUser();
        long product = newProduct(100, 1);
        Http client = caravan.http(app).withHeader("X-Custom", "echo-me-not").withHeader("Accept", "application/json, application/problem+json")
                .withHeader("User-Agent", "caravan-contract-agent/1.0").withHeader("X-Caravan-Secret", "hush");
        List<Http.Response> answers = new ArrayList<>();
        switch (app) {
            case USER -> {
                answers.add(client.get("/users/" + user));
                answers.add(client.post("/users/" + user + "/points/charge", "{\"amount\":10}"));
                answers.add(client.get("/users/" + (Long.MAX_VALUE - 1)));
                answers.add(client.post("/users", "{\"name\":"));
            }
            case CATALOG -> {
                answers.add(client.get("/products/" + product));
                answers.add(client.post("/products", "{\"name\":\"Echo\",\"price\":1,\"stock\":1}"));
                answers.add(client.get("/products/popular?days=2"));
                answers.add(client.patch("/products/" + product, "[]"));
            }
            case ORDER -> {
                answers.add(client.post("/orders", order(user).item(product, 1).card("tok_visa").toString()));
                answers.add(client.get("/users/" + user + "/orders?limit=5"));
                answers.add(client.get("/coupons/" + (Long.MAX_VALUE - 1)));
                answers.add(client.withHeader("Idempotency-Key", "echo-" + UUID.randomUUID()).post("/orders", "{}"));
            }
        }

        for (Http.Response answer : answers) {
            Map<String, List<String>> headers = answer.headers().map();
            assertThat(headers.keySet()).as("headers of %s", answer.body())
                    .noneMatch(name -> name.equalsIgnoreCase("X-Custom") || name.equalsIgnoreCase("User-Agent")
                            || name.equalsIgnoreCase("Accept") || name.equalsIgnoreCase("X-Caravan-Secret")
                            || name.equalsIgnoreCase("userId") || name.equalsIgnoreCase("productId")
                            || name.equalsIgnoreCase("Idempotency-Key") || name.toLowerCase().startsWith("camel"));
            assertThat(headers.values().toString()).doesNotContain("echo-me-not", "caravan-contract-agent", "hush");
            ProblemAssertions.assertNoLeak(answer);
        }
    }

    @Test
    void shouldListEveryPublicPathInEachOpenApiDocument() {
        Map<App, Map<String, List<String>>> expected = Map.of(
                App.USER, Map.of("/users", List.of("post"), "/users/{userId}", List.of("get"), "/users/{userId}/points", List.of("get"),
                        "/users/{userId}/points/charge", List.of("post"), "/users/{userId}/points/history", List.of("get"),
                        "/users/{userId}/notifications", List.of("get")),
                App.CATALOG, Map.of("/products", List.of("post", "get"), "/products/{productId}", List.of("get", "patch"),
                        "/products/{productId}/stock", List.of("post"), "/products/popular", List.of("get")),
                App.ORDER, Map.of("/coupons", List.of("post"), "/coupons/{couponId}", List.of("get"), "/coupons/{couponId}/issue", List.of("post"),
                        "/users/{userId}/coupons", List.of("get"), "/orders", List.of("post"), "/orders/{orderId}", List.of("get"),
                        "/users/{userId}/orders", List.of("get")));

        expected.forEach((app, paths) -> {
            Http.Response doc = caravan.http(app).get("/api-doc");
            assertThat(doc.status()).as("%s /api-doc", app).isEqualTo(200);
            JsonNode documented = doc.json().path("paths");
            paths.forEach((path, methods) -> {
                assertThat(documented.has(path)).as("%s documents %s (has %s)", app, path, fieldNames(documented)).isTrue();
                assertThat(fieldNames(documented.path(path))).as("%s %s", app, path).containsAll(methods);
            });
        });
    }

    private static JsonNode find(JsonNode items, long productId) {
        for (JsonNode item : items) {
            if (item.path("productId").asLong() == productId) {
                return item;
            }
        }
        return null;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
