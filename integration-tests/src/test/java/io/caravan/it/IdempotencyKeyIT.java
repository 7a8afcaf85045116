package io.caravan.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same Idempotency-Key sent 20 times at once to the running order-app: one order, one deduction at the user
 * service, one charge at the gateway; every answer is that order or 409 REQUEST_IN_PROGRESS; a later retry
 * answers the first answer again.
 */
class IdempotencyKeyIT {

    private static final CaravanSystem caravan = CaravanSystem.get();
    private static final int CLIENTS = 20;

    private final Shop shop = new Shop(caravan);

    @Test
    void shouldPlaceOneOrderDeductOnceAndChargeOnceForTwentyConcurrentRequestsWithOneKey() throws Exception {
        shop.warmUp(shop.product(100, 10));
        long productId = shop.product(2_000, 10);
        long userId = shop.user(5_000);
        String key = "idem-" + UUID.randomUUID();
        String body = Shop.orderBody(userId, Map.of(productId, 1), 700, null, "tok_visa");

        List<Http.Response> answers = sendAtOnce(key, body);

        assertThat(shop.count(App.ORDER, "SELECT count(*) FROM orders WHERE request_id = ?", key)).isEqualTo(1);
        String orderId = (String) shop.rows(App.ORDER, "SELECT id::text AS id FROM orders WHERE request_id = ?", key).get(0).get("id");
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isIn(201, 409);
            assertThat(answer.json().path("orderId").asText()).isEqualTo(orderId);
            if (answer.status() == 409) {
                assertThat(answer.code()).isEqualTo("REQUEST_IN_PROGRESS");
            }
        });
        long uses = 0;
        for (JsonNode entry : shop.history(userId)) {
            uses += "USE".equals(entry.path("type").asText()) && orderId.equals(entry.path("orderId").asText()) ? 1 : 0;
        }
        assertThat(uses).as("deductions").isEqualTo(1);
        assertThat(shop.balance(userId)).isEqualTo(5_000 - 700);
        assertThat(shop.count(App.ORDER, "SELECT count(*) FROM sandbox_payment WHERE order_id = ? AND amount = 1300", orderId))
                .as("charges").isEqualTo(1);
        assertThat(shop.stock(productId)).isEqualTo(9);

        Http.Response later = shop.placeOrder(key, body);
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(later.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(later.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(shop.balance(userId)).isEqualTo(5_000 - 700);
    }

    private List<Http.Response> sendAtOnce(String key, String body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Response>> sent = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return shop.placeOrder(key, body);
                }));
            }
            start.countDown();
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> answer : sent) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
