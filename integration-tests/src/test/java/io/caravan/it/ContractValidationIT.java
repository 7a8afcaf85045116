package io.caravan.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.caravan.testsupport.Http;

import static io.caravan.it.Fixtures.*;
import static io.caravan.it.ProblemAssertions.assertValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md "400 VALIDATION_FAILED" on every POST/PATCH body, path id and paging parameter: malformed JSON, a body that
 * is not an object, missing fields, wrong types ("1000" and 1.5 for whole numbers, numbers beyond range), unknown
 * enum values, empty and very long strings. Each answers the problem document with field errors and changes
 * nothing: the owning service's rows (counts, balances, stock, coupon stock, orders, outbox) are the same after.
 * The targets are one user, product and coupon made once for the whole class.
 */
class ContractValidationIT {

    private static final CaravanSystem caravan = CaravanSystem.get();
    private static final String LONG_101 = "x".repeat(101);
    private static final String LONG_5000 = "y".repeat(5_000);
    private static final String BEYOND_LONG = "9223372036854775808";

    /** What each service's rows look like as a client's requests could change them (not what consumers write). */
    private static final Map<App, String> STATE = Map.of(
            App.USER, "SELECT concat_ws('|', (SELECT count(*) FROM users), (SELECT sum(balance) FROM users),"
                    + " (SELECT count(*) FROM point_history), (SELECT count(*) FROM point_charge),"
                    + " (SELECT count(*) FROM point_deduction), (SELECT max(id) FROM outbox))",
            App.CATALOG, "SELECT concat_ws('|', (SELECT count(*) FROM product),"
                    + " (SELECT md5(string_agg(concat_ws(',', id, name, description, price, stock, received), ';' ORDER BY id)) FROM product),"
                    + " (SELECT count(*) FROM stock_reservation), (SELECT max(id) FROM outbox))",
            App.ORDER, "SELECT concat_ws('|', (SELECT count(*) FROM coupon), (SELECT sum(issued_quantity) FROM coupon),"
                    + " (SELECT md5(string_agg(concat_ws(',', id, status, order_id), ';' ORDER BY id)) FROM issued_coupon),"
                    + " (SELECT count(*) FROM orders), (SELECT count(*) FROM sandbox_payment), (SELECT max(id) FROM outbox))");

    private static long user;
    private static long product;
    private static long coupon;

    @BeforeAll
    static void targets() {
        user = newUserWithPoints(50_000);
        product = newProduct(1_000, 100);
        coupon = newCoupon("FIXED", 1_000);
    }

    static Stream<Arguments> badBodies() {
        List<Arguments> cases = new ArrayList<>();
        // POST /users
        add(cases, App.USER, "POST", "/users", "{\"name\":\"Ada\",", "malformed JSON");
        add(cases, App.USER, "POST", "/users", "[{\"name\":\"Ada\"}]", "an array");
        add(cases, App.USER, "POST", "/users", "\"Ada\"", "a string");
        add(cases, App.USER, "POST", "/users", "42", "a number");
        add(cases, App.USER, "POST", "/users", "null", "null");
        add(cases, App.USER, "POST", "/users", "", "no body");
        add(cases, App.USER, "POST", "/users", "{\"name\":\"Ada\",\"email\":\"a@example.com\"} {}", "trailing tokens");
        add(cases, App.USER, "POST", "/users", "{\"email\":\"v1@example.com\"}", "missing name");
        add(cases, App.USER, "POST", "/users", "{\"name\":\"Ada\"}", "missing email");
        add(cases, App.USER, "POST", "/users", "{\"name\":42,\"email\":\"v2@example.com\"}", "name a number");
        add(cases, App.USER, "POST", "/users", "{\"name\":\"\",\"email\":\"v3@example.com\"}", "empty name");
        add(cases, App.USER, "POST", "/users", "{\"name\":\"   \",\"email\":\"v4@example.com\"}", "blank name");
        add(cases, App.USER, "POST", "/users", "{\"name\":\"" + LONG_101 + "\",\"email\":\"v5@example.com\"}", "name of 101 chars");
        add(cases, App.USER, "POST", "/users", "{\"name\":\"Ada\",\"email\":\"not-an-email\"}", "invalid email");
        add(cases, App.USER, "POST", "/users", "{\"name\":\"Ada\",\"email\":\"\"}", "empty email");
        add(cases, App.USER, "POST", "/users", "{\"name\":\"Ada\",\"email\":\"" + LONG_5000 + "@example.com\"}", "very long email");
        add(cases, App.USER, "POST", "/users", "{\"name\":\"Ada\",\"email\":[\"v6@example.com\"]}", "email an array");
        // POST /users/{id}/points/charge
        String charge = "/users/{u}/points/charge";
        add(cases, App.USER, "POST", charge, "{\"amount\":", "malformed JSON");
        add(cases, App.USER, "POST", charge, "[1000]", "an array");
        add(cases, App.USER, "POST", charge, "{}", "missing amount");
        add(cases, App.USER, "POST", charge, "{\"amount\":\"1000\"}", "amount a string");
        add(cases, App.USER, "POST", charge, "{\"amount\":1.5}", "amount a fraction");
        add(cases, App.USER, "POST", charge, "{\"amount\":1000.0}", "amount a float");
        add(cases, App.USER, "POST", charge, "{\"amount\":1e3}", "amount in exponent notation");
        add(cases, App.USER, "POST", charge, "{\"amount\":true}", "amount a boolean");
        add(cases, App.USER, "POST", charge, "{\"amount\":0}", "amount 0");
        add(cases, App.USER, "POST", charge, "{\"amount\":-5}", "amount negative");
        add(cases, App.USER, "POST", charge, "{\"amount\":1000001}", "amount above 1,000,000");
        add(cases, App.USER, "POST", charge, "{\"amount\":" + BEYOND_LONG + "}", "amount beyond a long");
        add(cases, App.USER, "POST", charge, "{\"amount\":100,\"requestId\":\"\"}", "empty requestId");
        add(cases, App.USER, "POST", charge, "{\"amount\":100,\"requestId\":\"" + LONG_5000 + "\"}", "very long requestId");
        add(cases, App.USER, "POST", charge, "{\"amount\":100,\"requestId\":7}", "requestId a number");
        add(cases, App.USER, "POST", "/users/abc/points/charge", "{\"amount\":100}", "non-numeric user id");
        add(cases, App.USER, "POST", "/users/0/points/charge", "{\"amount\":100}", "user id 0");
        add(cases, App.USER, "POST", "/users/-1/points/charge", "{\"amount\":100}", "negative user id");
        add(cases, App.USER, "POST", "/users/1.5/points/charge", "{\"amount\":100}", "fractional user id");
        add(cases, App.USER, "POST", "/users/" + BEYOND_LONG + "/points/charge", "{\"amount\":100}", "user id beyond a long");
        // POST /products
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":", "malformed JSON");
        add(cases, App.CATALOG, "POST", "/products", "[]", "an array");
        add(cases, App.CATALOG, "POST", "/products", "{\"price\":100,\"stock\":1}", "missing name");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"stock\":1}", "missing price");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":100}", "missing stock");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":\"1000\",\"stock\":1}", "price a string");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":1.5,\"stock\":1}", "price a fraction");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":-1,\"stock\":1}", "price negative");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":100000001,\"stock\":1}", "price above 100,000,000");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":" + BEYOND_LONG + ",\"stock\":1}", "price beyond a long");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":100,\"stock\":1000001}", "stock above 1,000,000");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":100,\"stock\":-1}", "stock negative");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":100,\"stock\":\"5\"}", "stock a string");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"\",\"price\":100,\"stock\":1}", "empty name");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"" + "n".repeat(201) + "\",\"price\":100,\"stock\":1}", "name of 201 chars");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":7,\"price\":100,\"stock\":1}", "name a number");
        add(cases, App.CATALOG, "POST", "/products", "{\"name\":\"P\",\"price\":100,\"stock\":1,\"description\":\"" + LONG_5000 + "\"}", "very long description");
        // PATCH /products/{id}
        String patch = "/products/{p}";
        add(cases, App.CATALOG, "PATCH", patch, "{\"price\":", "malformed JSON");
        add(cases, App.CATALOG, "PATCH", patch, "[{\"price\":5}]", "an array");
        add(cases, App.CATALOG, "PATCH", patch, "{}", "no field to change");
        add(cases, App.CATALOG, "PATCH", patch, "{\"name\":\"\"}", "empty name");
        add(cases, App.CATALOG, "PATCH", patch, "{\"name\":\"" + "n".repeat(201) + "\"}", "name of 201 chars");
        add(cases, App.CATALOG, "PATCH", patch, "{\"price\":-1}", "price negative");
        add(cases, App.CATALOG, "PATCH", patch, "{\"price\":\"10\"}", "price a string");
        add(cases, App.CATALOG, "PATCH", patch, "{\"price\":1.5}", "price a fraction");
        add(cases, App.CATALOG, "PATCH", patch, "{\"price\":100000001}", "price above 100,000,000");
        add(cases, App.CATALOG, "PATCH", patch, "{\"name\":\"Valid\",\"stock\":5}", "stock (only by restocking)");
        add(cases, App.CATALOG, "PATCH", patch, "{\"description\":\"" + LONG_5000 + "\"}", "very long description");
        add(cases, App.CATALOG, "PATCH", "/products/abc", "{\"price\":5}", "non-numeric product id");
        // POST /products/{id}/stock
        String restock = "/products/{p}/stock";
        add(cases, App.CATALOG, "POST", restock, "{\"quantity\":", "malformed JSON");
        add(cases, App.CATALOG, "POST", restock, "5", "a number");
        add(cases, App.CATALOG, "POST", restock, "{}", "missing quantity");
        add(cases, App.CATALOG, "POST", restock, "{\"quantity\":0}", "quantity 0");
        add(cases, App.CATALOG, "POST", restock, "{\"quantity\":1000001}", "quantity above 1,000,000");
        add(cases, App.CATALOG, "POST", restock, "{\"quantity\":\"5\"}", "quantity a string");
        add(cases, App.CATALOG, "POST", restock, "{\"quantity\":1.5}", "quantity a fraction");
        add(cases, App.CATALOG, "POST", "/products/abc/stock", "{\"quantity\":5}", "non-numeric product id");
        // POST /coupons
        String fixed = "\"name\":\"C\",\"discountType\":\"FIXED\",\"discountValue\":100,\"totalQuantity\":10";
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed, "malformed JSON");
        add(cases, App.ORDER, "POST", "/coupons", "[{" + fixed + "}]", "an array");
        add(cases, App.ORDER, "POST", "/coupons", "{\"discountType\":\"FIXED\",\"discountValue\":100,\"totalQuantity\":10}", "missing name");
        add(cases, App.ORDER, "POST", "/coupons", "{\"name\":\"C\",\"discountValue\":100,\"totalQuantity\":10}", "missing discountType");
        add(cases, App.ORDER, "POST", "/coupons", "{\"name\":\"C\",\"discountType\":\"FIXED\",\"totalQuantity\":10}", "missing discountValue");
        add(cases, App.ORDER, "POST", "/coupons", "{\"name\":\"C\",\"discountType\":\"FIXED\",\"discountValue\":100}", "missing totalQuantity");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("FIXED", "PERCENT") + "}", "unknown discountType");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("\"FIXED\"", "1") + "}", "discountType a number");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("\"discountValue\":100", "\"discountValue\":0") + "}", "discountValue 0");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("FIXED", "RATE").replace("\"discountValue\":100", "\"discountValue\":101") + "}", "RATE above 100");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("\"discountValue\":100", "\"discountValue\":\"100\"") + "}", "discountValue a string");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("\"discountValue\":100", "\"discountValue\":1.5") + "}", "discountValue a fraction");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("\"totalQuantity\":10", "\"totalQuantity\":0") + "}", "totalQuantity 0");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("\"totalQuantity\":10", "\"totalQuantity\":10000001") + "}", "totalQuantity above 10,000,000");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("\"totalQuantity\":10", "\"totalQuantity\":" + BEYOND_LONG) + "}", "totalQuantity beyond a long");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed + ",\"minOrderAmount\":-1}", "minOrderAmount negative");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed + ",\"expiresAt\":\"tomorrow\"}", "expiresAt not a time");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed + ",\"expiresAt\":12345}", "expiresAt a number");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("\"name\":\"C\"", "\"name\":\"\"") + "}", "empty name");
        add(cases, App.ORDER, "POST", "/coupons", "{" + fixed.replace("\"name\":\"C\"", "\"name\":\"" + LONG_5000 + "\"") + "}", "very long name");
        // POST /coupons/{id}/issue
        String issue = "/coupons/{c}/issue";
        add(cases, App.ORDER, "POST", issue, "{\"userId\":", "malformed JSON");
        add(cases, App.ORDER, "POST", issue, "[{\"userId\":1}]", "an array");
        add(cases, App.ORDER, "POST", issue, "{}", "missing userId");
        add(cases, App.ORDER, "POST", issue, "{\"userId\":\"{u}\"}", "userId a string");
        add(cases, App.ORDER, "POST", issue, "{\"userId\":1.5}", "userId a fraction");
        add(cases, App.ORDER, "POST", issue, "{\"userId\":0}", "userId 0");
        add(cases, App.ORDER, "POST", issue, "{\"userId\":" + BEYOND_LONG + "}", "userId beyond a long");
        add(cases, App.ORDER, "POST", "/coupons/abc/issue", "{\"userId\":{u}}", "non-numeric coupon id");
        // POST /orders
        String line = "{\"productId\":{p},\"quantity\":1}";
        String order = "\"userId\":{u},\"items\":[" + line + "],\"pointsToUse\":1000";
        add(cases, App.ORDER, "POST", "/orders", "{" + order, "malformed JSON");
        add(cases, App.ORDER, "POST", "/orders", "[{" + order + "}]", "an array");
        add(cases, App.ORDER, "POST", "/orders", "{\"items\":[" + line + "],\"pointsToUse\":1000}", "missing userId");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"pointsToUse\":1000}", "missing items");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":[],\"pointsToUse\":1000}", "no items");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":" + fiftyOneLines() + ",\"pointsToUse\":1000}", "51 items");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":[" + line + "," + line + "],\"pointsToUse\":1000}", "a productId twice");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":[{\"productId\":{p},\"quantity\":0}],\"pointsToUse\":1000}", "quantity 0");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":[{\"productId\":{p},\"quantity\":1001}],\"pointsToUse\":1000}", "quantity above 1,000");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":[{\"productId\":{p},\"quantity\":1.5}],\"pointsToUse\":1000}", "quantity a fraction");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":[{\"productId\":{p},\"quantity\":\"1\"}],\"pointsToUse\":1000}", "quantity a string");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":[{\"productId\":{p},\"quantity\":" + BEYOND_LONG + "}],\"pointsToUse\":1000}", "quantity beyond range");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":[{\"productId\":\"{p}\",\"quantity\":1}],\"pointsToUse\":1000}", "productId a string");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":[{\"quantity\":1}],\"pointsToUse\":1000}", "missing productId");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":[null],\"pointsToUse\":1000}", "a null line");
        add(cases, App.ORDER, "POST", "/orders", "{\"userId\":{u},\"items\":{\"productId\":{p}},\"pointsToUse\":1000}", "items an object");
        add(cases, App.ORDER, "POST", "/orders", "{" + order.replace("1000", "-1") + "}", "pointsToUse negative");
        add(cases, App.ORDER, "POST", "/orders", "{" + order.replace("1000", "\"1000\"") + "}", "pointsToUse a string");
        add(cases, App.ORDER, "POST", "/orders", "{" + order.replace("1000", "1000.5") + "}", "pointsToUse a fraction");
        add(cases, App.ORDER, "POST", "/orders", "{" + order.replace("{u}", "\"{u}\"") + "}", "userId a string");
        add(cases, App.ORDER, "POST", "/orders", "{" + order.replace("{u}", BEYOND_LONG) + "}", "userId beyond a long");
        add(cases, App.ORDER, "POST", "/orders", "{" + order + ",\"couponPolicy\":\"MAYBE\"}", "unknown couponPolicy");
        add(cases, App.ORDER, "POST", "/orders", "{" + order + ",\"couponId\":\"{c}\"}", "couponId a string");
        add(cases, App.ORDER, "POST", "/orders", "{" + order + ",\"payment\":{\"method\":\"CASH\",\"cardToken\":\"tok_visa\"}}", "unknown payment method");
        add(cases, App.ORDER, "POST", "/orders", "{" + order + ",\"payment\":{\"method\":\"CARD\"}}", "missing cardToken");
        add(cases, App.ORDER, "POST", "/orders", "{" + order + ",\"payment\":{\"method\":\"CARD\",\"cardToken\":\"\"}}", "empty cardToken");
        add(cases, App.ORDER, "POST", "/orders", "{" + order + ",\"payment\":\"CARD\"}", "payment a string");
        add(cases, App.ORDER, "POST", "/orders", "{" + order + ",\"requestId\":\"\"}", "empty requestId");
        add(cases, App.ORDER, "POST", "/orders", "{" + order + ",\"requestId\":\"" + LONG_5000 + "\"}", "very long requestId");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @MethodSource("badBodies")
    void shouldAnswerValidationProblemAndChangeNothingWhenBodyIsBad(App app, String method, String path, String why, String body) {
        String state = state(app);

        Http.Response refused = caravan.http(app).send(method, fill(path), fill(body));

        assertValidationProblem(refused);
        assertThat(state(app)).as("rows of %s after %s %s (%s)", app, method, path, why).isEqualTo(state);
    }

    @ParameterizedTest(name = "Idempotency-Key {0}")
    @MethodSource("badIdempotencyKeys")
    void shouldAnswerValidationProblemAndChangeNothingWhenIdempotencyKeyIsBad(String why, String key, String requestId) {
        String state = state(App.ORDER);
        Fixtures.OrderBody body = order(user).item(product, 1).points(1_000);

        Http.Response refused = orders().withHeader("Idempotency-Key", key).post("/orders", (requestId == null ? body : body.requestId(requestId)).toString());

        assertValidationProblem(refused);
        assertThat(state(App.ORDER)).isEqualTo(state);
    }

    static Stream<Arguments> badIdempotencyKeys() {
        return Stream.of(
                Arguments.of("differing from the body's requestId", "key-a-" + System.nanoTime(), "key-b-" + System.nanoTime()),
                Arguments.of("of 201 characters", "k".repeat(201), null));
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of(App.USER, "/users/abc"), Arguments.of(App.USER, "/users/0"),
                Arguments.of(App.USER, "/users/" + BEYOND_LONG), Arguments.of(App.USER, "/users/abc/points"),
                Arguments.of(App.USER, "/users/abc/points/history"), Arguments.of(App.USER, "/users/{u}/points/history?limit=0"),
                Arguments.of(App.USER, "/users/{u}/points/history?limit=101"), Arguments.of(App.USER, "/users/{u}/points/history?limit=x"),
                Arguments.of(App.USER, "/users/abc/notifications"), Arguments.of(App.USER, "/users/{u}/notifications?limit=0"),
                Arguments.of(App.CATALOG, "/products/abc"), Arguments.of(App.CATALOG, "/products/1.5"),
                Arguments.of(App.CATALOG, "/products?page=-1"), Arguments.of(App.CATALOG, "/products?page=x"),
                Arguments.of(App.CATALOG, "/products?size=0"), Arguments.of(App.CATALOG, "/products?size=101"),
                Arguments.of(App.CATALOG, "/products?size=1.5"), Arguments.of(App.CATALOG, "/products?page=" + BEYOND_LONG),
                Arguments.of(App.CATALOG, "/products/popular?days=0"), Arguments.of(App.CATALOG, "/products/popular?days=31"),
                Arguments.of(App.CATALOG, "/products/popular?days=x"), Arguments.of(App.CATALOG, "/products/popular?limit=0"),
                Arguments.of(App.CATALOG, "/products/popular?limit=101"), Arguments.of(App.CATALOG, "/products/popular?limit=-3"),
                Arguments.of(App.ORDER, "/coupons/abc"), Arguments.of(App.ORDER, "/coupons/-1"),
                Arguments.of(App.ORDER, "/users/abc/coupons"), Arguments.of(App.ORDER, "/users/abc/orders"),
                Arguments.of(App.ORDER, "/users/{u}/orders?limit=0"), Arguments.of(App.ORDER, "/users/{u}/orders?limit=101"),
                Arguments.of(App.ORDER, "/orders/not-a-uuid"));
    }

    @ParameterizedTest(name = "{0} GET {1}")
    @MethodSource("badParameters")
    void shouldAnswerValidationProblemWhenPathIdOrQueryParameterIsBad(App app, String path) {
        assertValidationProblem(caravan.http(app).get(fill(path)));
    }

    private static void add(List<Arguments> cases, App app, String method, String path, String body, String why) {
        cases.add(Arguments.of(app, method, path, why, body));
    }

    private static String fiftyOneLines() {
        StringBuilder lines = new StringBuilder("[");
        for (int i = 1; i <= 51; i++) {
            lines.append(i > 1 ? "," : "").append("{\"productId\":").append(i).append(",\"quantity\":1}");
        }
        return lines.append(']').toString();
    }

    private static String fill(String text) {
        return text.replace("{u}", String.valueOf(user)).replace("{p}", String.valueOf(product)).replace("{c}", String.valueOf(coupon));
    }

    private static String state(App app) {
        try (Connection c = DriverManager.getConnection(caravan.jdbcUrl(app), "postgres", "postgres");
                Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery(STATE.get(app))) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the state of " + app, e);
        }
    }
}
