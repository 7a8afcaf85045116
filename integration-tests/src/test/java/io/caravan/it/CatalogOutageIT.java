package io.caravan.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * catalog-app stopped: orders fail with 503; once order-app's breaker for the reservation call is open they
 * fail without calling the catalog at all (the 503 says so) and are FAILED at once, with nothing to undo. The
 * orders that did try the catalog stay COMPENSATING (counted by caravan.orders.compensating) until it is back.
 * Nothing leaks (no stock, no points), and orders succeed again once catalog-app is back.
 */
class CatalogOutageIT {

    private static final CaravanSystem caravan = CaravanSystem.get();
    private static final Pattern COMPENSATING = Pattern.compile("^caravan_orders_compensating\\{.*} ([0-9.]+)$", Pattern.MULTILINE);

    private final Shop shop = new Shop(caravan);

    @AfterEach
    void catalogBack() {
        if (!caravan.app(App.CATALOG).isAlive()) {
            caravan.restart(App.CATALOG);
        }
    }

    @Test
    void shouldFailFastWithoutLeakingWhileCatalogIsDownAndSucceedOnceItIsBack() {
        long productId = shop.product(1_000, 50);
        long userId = shop.user(10_000);
        String body = Shop.orderBody(userId, Map.of(productId, 2), 500, null, "tok_visa");
        await("an order before the outage").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> place(body).status() == 201);
        List<String> orderIds = new ArrayList<>();

        caravan.stop(App.CATALOG);

        Http.Response failedFast = null;
        for (int i = 0; i < 40 && failedFast == null; i++) {
            Http.Response answer = place(body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo("SERVICE_UNAVAILABLE");
            orderIds.add(answer.json().path("orderId").asText());
            if (answer.json().path("detail").asText().contains("circuit breaker is open")) {
                failedFast = answer;
            }
        }
        assertThat(failedFast).as("an order refused by the open breaker, without calling the catalog").isNotNull();
        String fastId = failedFast.json().path("orderId").asText();
        assertThat(caravan.http(App.ORDER).get("/orders/" + fastId).json().path("status").asText()).as(shop.describe(fastId)).isEqualTo("FAILED");
        assertThat(compensatingGauge()).as("orders that tried the catalog wait COMPENSATING").isPositive();
        assertThat(shop.balance(userId)).as("no points taken while the catalog is down").isEqualTo(10_000 - 500);

        caravan.restart(App.CATALOG);

        await("an order succeeds again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Http.Response answer = place(body);
            orderIds.add(answer.json().path("orderId").asText());
            return answer.status() == 201;
        });
        await("the orders of the outage are FAILED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> shop.count(App.ORDER, "SELECT count(*) FROM orders WHERE user_id = ? AND status NOT IN ('COMPLETED', 'FAILED')", userId) == 0);
        assertThat(shop.count(App.ORDER, "SELECT count(*) FROM orders WHERE user_id = ? AND status = 'COMPLETED'", userId))
                .as("the order before the outage and the one after it").isEqualTo(2);
        assertThat(shop.stock(productId)).isEqualTo(50 - 2 * 2);
        assertThat(shop.rows(App.CATALOG, "SELECT reserved, sold FROM product WHERE id = ?", productId).get(0))
                .containsEntry("reserved", 0L).containsEntry("sold", 4L);
        assertThat(shop.balance(userId)).isEqualTo(10_000 - 2 * 500);
        OrderInvariants.assertBalanced(shop, shop.rows(App.ORDER, "SELECT id::text AS id, request_id, status, user_id, points_used, "
                + "paid_amount, issued_coupon_id, coupon_applied FROM orders WHERE user_id = ?", userId),
                Map.of(productId, 50L), List.of(userId), List.of());
    }

    private Http.Response place(String body) {
        return shop.placeOrder("outage-" + UUID.randomUUID(), body);
    }

    private double compensatingGauge() {
        Matcher gauge = COMPENSATING.matcher(caravan.http(App.ORDER).get("/actuator/prometheus").body());
        assertThat(gauge.find()).as("gauge caravan_orders_compensating on /actuator/prometheus").isTrue();
        return Double.parseDouble(gauge.group(1));
    }
}
