package io.caravan.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservations under concurrency on PostgreSQL: no oversell and never a negative stock, no deadlock between
 * orders crossing the same products, and racing reserve/release/confirm for one order keep the books right.
 */
class StockConcurrencyTest extends CatalogServiceTestBase {

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(32);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldReserveExactlyTheStockWhenFiveHundredOrdersRaceForOneHundredUnits() throws Exception {
        long product = createProduct("Hot item", 1000, 100);
        List<Future<Http.Response>> answers = atOnce(500, () -> reserve(newOrderId(), product, 1));

        Map<String, Integer> outcomes = tally(answers);

        assertThat(outcomes).containsOnlyKeys("200", "409 INSUFFICIENT_STOCK")
                .containsEntry("200", 100).containsEntry("409 INSUFFICIENT_STOCK", 400);
        assertBooks(product, 0, 100, 0);
        assertThat(count("SELECT count(*) FROM stock_reservation_line WHERE product_id = ?", product)).isEqualTo(100);
        assertThat(outboxEvents("StockReserved", String.valueOf(product))).isEqualTo(100);
    }

    @Test
    void shouldTakeNoLineOfARefusedOrderWhenOrdersRaceForTheLastUnitsOfOneOfTheirProducts() throws Exception {
        long plenty = createProduct("Plenty", 100, 1000);
        long scarce = createProduct("Scarce", 100, 30);
        List<Future<Http.Response>> answers = atOnce(200, () -> reserve(newOrderId(), plenty, 2, scarce, 1));

        Map<String, Integer> outcomes = tally(answers);

        assertThat(outcomes).containsEntry("200", 30).containsEntry("409 INSUFFICIENT_STOCK", 170);
        assertBooks(scarce, 0, 30, 0);
        assertBooks(plenty, 1000 - 2 * 30, 2 * 30, 0);
        assertThat(count("SELECT count(*) FROM stock_reservation_line WHERE product_id = ?", plenty)).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM stock_reservation_line l WHERE l.product_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM stock_reservation_line s WHERE s.order_id = l.order_id AND s.product_id = ?)",
                plenty, scarce))
                .as("lines taken for orders that did not get the scarce product").isZero();
        assertThat(outboxEvents("StockReserved", String.valueOf(plenty))).isEqualTo(30);
        assertThat(outboxEvents("StockReserved", String.valueOf(scarce))).isEqualTo(30);
    }

    @Test
    void shouldAnswerOnlyReservedOrShortWhenTwoLineOrdersAndRestocksRaceOverFewProducts() throws Exception {
        long[] products = new long[5];
        for (int i = 0; i < products.length; i++) {
            products[i] = createProduct("Crossed " + i, 100, 150);
        }
        java.util.Random random = new java.util.Random(20261125);
        List<Future<Http.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int a = random.nextInt(products.length);
            long first = products[a];
            long second = products[(a + 1 + random.nextInt(products.length - 1)) % products.length];
            boolean restock = random.nextInt(10) == 0;
            int one = 1 + random.nextInt(3);
            int two = 1 + random.nextInt(3);
            answers.add(pool.submit(() -> restock
                    ? http.post("/products/" + first + "/stock", "{\"quantity\":5}")
                    : reserve(newOrderId(), first, one, second, two)));
        }

        Map<String, Integer> outcomes = tally(answers);

        assertThat(outcomes).containsOnlyKeys("200", "409 INSUFFICIENT_STOCK");
        for (long product : products) {
            assertThat(count("SELECT count(*) FROM product WHERE id = ? AND received = stock + reserved + sold "
                    + "AND reserved = (SELECT COALESCE(sum(quantity), 0) FROM stock_reservation_line "
                    + "WHERE product_id = ?)", product, product)).as("books of product %d", product).isEqualTo(1);
        }
    }

    @Test
    void shouldFinishEveryOrderWithoutDeadlockWhenOrdersCrossTheSameProductsInOppositeOrder() throws Exception {
        long a = createProduct("Cross A", 10, 10_000);
        long b = createProduct("Cross B", 20, 10_000);
        long c = createProduct("Cross C", 30, 10_000);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger confirmed = new AtomicInteger();
        List<Future<Http.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            int n = i;
            answers.add(pool.submit(() -> {
                start.await();
                String orderId = newOrderId();
                Http.Response reserved = n % 2 == 0 ? reserve(orderId, a, 1, b, 2, c, 3) : reserve(orderId, c, 3, b, 2, a, 1);
                if (reserved.status() != 200) {
                    return reserved;
                }
                // a third are confirmed, a third released, a third left reserved: all three touch the same rows
                if (n % 3 == 0) {
                    confirmed.incrementAndGet();
                    return confirm(orderId);
                }
                return n % 3 == 1 ? release(orderId) : reserved;
            }));
        }
        start.countDown();

        Map<String, Integer> outcomes = tally(answers);

        assertThat(outcomes).containsOnlyKeys("200").containsEntry("200", 240);
        int sold = confirmed.get();
        int held = 80;
        assertBooks(a, 10_000 - sold - held, held, sold);
        assertBooks(b, 10_000 - 2 * (sold + held), 2 * held, 2 * sold);
        assertBooks(c, 10_000 - 3 * (sold + held), 3 * held, 3 * sold);
    }

    @Test
    void shouldKeepTheStockRightWhenReleaseRacesReservationForTheSameOrder() throws Exception {
        long product = createProduct("Raced", 100, 1_000);
        int releasedFirst = 0;
        int reservedFirst = 0;
        for (int i = 0; i < 40; i++) {
            String orderId = newOrderId();
            List<Http.Response> both = race(() -> reserve(orderId, product, 2), () -> release(orderId));
            Http.Response reservation = both.get(0);
            Http.Response release = both.get(1);
            assertThat(release.status()).as(release.body()).isEqualTo(200);
            if (reservation.status() == 200) {
                // the reservation committed first; the release then gave its units back
                assertThat(release.json().path("status").asText()).isEqualTo("RELEASED");
                reservedFirst++;
            } else {
                assertThat(reservation.status()).as(reservation.body()).isEqualTo(409);
                assertThat(reservation.code()).isEqualTo("RESERVATION_RELEASED");
                assertThat(release.json().path("status").asText()).isEqualTo("TOMBSTONE");
                releasedFirst++;
            }
            // whichever came first, a repeated reservation is refused and a repeated release changes nothing
            assertThat(reserve(orderId, product, 2).code()).isEqualTo("RESERVATION_RELEASED");
            assertThat(release(orderId).status()).isEqualTo(200);
        }
        assertThat(releasedFirst + reservedFirst).isEqualTo(40);
        assertBooks(product, 1_000, 0, 0);
    }

    @Test
    void shouldLetExactlyOneOfConfirmAndReleaseWin() throws Exception {
        long product = createProduct("Contested", 100, 1_000);
        int confirmedWins = 0;
        for (int i = 0; i < 40; i++) {
            String orderId = newOrderId();
            assertThat(reserve(orderId, product, 3).status()).isEqualTo(200);
            List<Http.Response> both = race(() -> confirm(orderId), () -> release(orderId));
            Http.Response confirmation = both.get(0);
            Http.Response release = both.get(1);
            if (confirmation.status() == 200) {
                assertThat(confirmation.json().path("status").asText()).isEqualTo("CONFIRMED");
                assertThat(release.status()).as(release.body()).isEqualTo(409);
                assertThat(release.code()).isEqualTo("RESERVATION_CONFIRMED");
                confirmedWins++;
            } else {
                assertThat(confirmation.status()).as(confirmation.body()).isEqualTo(409);
                assertThat(confirmation.code()).isEqualTo("RESERVATION_RELEASED");
                assertThat(release.status()).isEqualTo(200);
                assertThat(release.json().path("status").asText()).isEqualTo("RELEASED");
            }
        }
        assertBooks(product, 1_000 - 3 * confirmedWins, 0, 3 * confirmedWins);
        assertThat(count("SELECT count(*) FROM stock_reservation r JOIN stock_reservation_line l USING (order_id) "
                + "WHERE l.product_id = ? AND r.status = 'CONFIRMED'", product)).isEqualTo(confirmedWins);
    }

    @Test
    void shouldReserveOnceWhenTheSameReservationIsSentManyTimesAtOnce() throws Exception {
        long product = createProduct("Retried", 700, 50);
        String orderId = newOrderId();
        List<Future<Http.Response>> answers = atOnce(20, () -> reserve(orderId, product, 5));

        Map<String, Integer> outcomes = tally(answers);

        assertThat(outcomes).containsOnlyKeys("200").containsEntry("200", 20);
        for (Future<Http.Response> answer : answers) {
            assertThat(answer.get().json().path("totalAmount").asLong()).isEqualTo(3500);
        }
        assertBooks(product, 45, 5, 0);
        assertThat(outboxEvents("StockReserved", String.valueOf(product))).isEqualTo(1);
    }

    /** Sends the request that many times at the same moment; the answers in the order sent. */
    private List<Future<Http.Response>> atOnce(int times, Callable<Http.Response> request) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return request.call();
            }));
        }
        start.countDown();
        return answers;
    }

    /** Runs both at the same moment; answers in the order given. */
    private List<Http.Response> race(Callable<Http.Response> first, Callable<Http.Response> second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Future<Http.Response> one = pool.submit(() -> {
            start.await();
            return first.call();
        });
        Future<Http.Response> two = pool.submit(() -> {
            start.await();
            return second.call();
        });
        start.countDown();
        return List.of(one.get(60, TimeUnit.SECONDS), two.get(60, TimeUnit.SECONDS));
    }

    /** Counts answers by status (and problem code): e.g. {"200": 100, "409 INSUFFICIENT_STOCK": 400}. */
    private static Map<String, Integer> tally(List<Future<Http.Response>> answers) throws Exception {
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        for (Future<Http.Response> future : answers) {
            Http.Response answer = future.get(120, TimeUnit.SECONDS);
            String key = answer.status() == 200 ? "200" : answer.status() + " " + answer.code();
            outcomes.merge(key, 1, Integer::sum);
        }
        return outcomes;
    }
}
