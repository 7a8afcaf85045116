package io.caravan.order;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** The same Idempotency-Key sent by 20 clients at once: one order, one deduction, one charge, on PostgreSQL. */
class OrderIdempotencyTest extends OrderServiceTestBase {

    private static final int CLIENTS = 20;

    @Test
    void shouldPlaceOneOrderDeductOnceAndChargeOnceWhenTheSameKeyArrivesTwentyTimesAtOnce() throws Exception {
        long userId = 51;
        String key = "key-" + UUID.randomUUID();
        String body = "{\"userId\":" + userId + ",\"items\":[{\"productId\":10,\"quantity\":2}],\"pointsToUse\":300,"
                + "\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}";
        Http keyed = http.withHeader("Idempotency-Key", key);

        List<Http.Response> answers = sendAtOnce(keyed, body);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE request_id = ?", Integer.class, key)).isEqualTo(1);
        String orderId = jdbc.queryForObject("SELECT id::text FROM orders WHERE request_id = ?", String.class, key);
        assertThat(ParticipantStubs.DEDUCTION_CALLS.get(userId)).hasValue(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sandbox_payment WHERE order_id = ?", Integer.class, orderId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_step WHERE compensation_uri LIKE '%void-payment' "
                + "AND options ->> 'orderId' = ?", Integer.class, orderId)).as("payment steps begun").isEqualTo(1);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isIn(201, 409);
            assertThat(answer.json().path("orderId").asText()).isEqualTo(orderId);
            if (answer.status() == 409) {
                assertThat(answer.code()).isEqualTo("REQUEST_IN_PROGRESS");
            }
        });
        assertThat(answers).filteredOn(answer -> answer.status() == 201).isNotEmpty();

        Http.Response later = keyed.post("/orders", body);
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(later.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(later.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(ParticipantStubs.DEDUCTION_CALLS.get(userId)).hasValue(1);
    }

    private static List<Http.Response> sendAtOnce(Http client, String body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Response>> sent = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return client.post("/orders", body);
                }));
            }
            start.countDown();
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
