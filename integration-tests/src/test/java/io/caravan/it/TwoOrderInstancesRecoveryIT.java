package io.caravan.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A backlog of interrupted sagas (order-app killed while 6 clients place orders), then TWO order-app instances
 * started at once on the same database: they share the backlog (claims with FOR UPDATE SKIP LOCKED and leases),
 * and every saga is finished exactly once: one terminal event per order, at most one release per order and
 * product at the catalog, at most one deduction and one refund per order at the user service, and the books
 * balance.
 */
class TwoOrderInstancesRecoveryIT {

    private static final CaravanSystem caravan = CaravanSystem.get();
    private static final int CLIENTS = 6;

    private final Shop shop = new Shop(caravan);
    private AppProcess second;

    @AfterEach
    void stopSecondInstance() {
        if (second != null) {
            second.stop();
        }
        if (!caravan.app(App.ORDER).isAlive()) { // the tests after this one need it, also when this one failed
            caravan.restart(App.ORDER);
        }
    }

    @Test
    void shouldFinishEverySagaExactlyOnceWhenTwoInstancesRecoverTheSameBacklog() throws Exception {
        List<Long> products = List.of(shop.product(1_200, 100), shop.product(800, 100), shop.product(2_500, 100));
        Map<Long, Long> received = new LinkedHashMap<>();
        products.forEach(p -> received.put(p, 100L));
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            users.add(shop.user(20_000));
        }
        List<Long> coupons = shop.coupons(300, users);
        shop.warmUp(products.get(2));

        OrderLoad load = new OrderLoad(shop, OrderLoad.mixed("two", products, users, coupons, 4)).start();
        await("orders placed and a slow one in flight").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> caravan.count(App.ORDER, "SELECT count(*) FROM orders WHERE request_id = ANY (?)",
                        (Object) load.sentKeys().toArray(String[]::new)) >= 8
                        && shop.unfinished(load.slowKeysSent()) > 0);
        caravan.kill(App.ORDER);
        load.awaitStopped();
        List<String> keys = load.sentKeys();
        assertThat(shop.unfinished(keys)).as("interrupted sagas").isPositive();

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> caravan.restart(App.ORDER));
        second = caravan.startInstance(App.ORDER, "order-app-2", Map.of());
        first.join();
        await("every order COMPLETED or FAILED").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> shop.unfinished(keys) == 0);

        List<Map<String, Object>> orders = shop.ordersOf(keys);
        String[] orderIds = orders.stream().map(o -> (String) o.get("id")).toArray(String[]::new);
        assertThat(shop.count(App.ORDER, "SELECT count(*) FROM (SELECT message_key FROM outbox WHERE message_key = ANY (?) "
                + "AND event_type IN ('OrderCompleted', 'OrderFailed') GROUP BY message_key HAVING count(*) = 1) once", (Object) orderIds))
                .as("orders with exactly one OrderCompleted or OrderFailed").isEqualTo(orderIds.length);
        assertThat(shop.count(App.CATALOG, "SELECT count(*) FROM (SELECT 1 FROM outbox WHERE event_type = 'StockReleased' "
                + "AND payload ->> 'orderId' = ANY (?) GROUP BY payload ->> 'orderId', message_key HAVING count(*) > 1) twice", (Object) orderIds))
                .as("releases of one order's product more than once").isZero();
        assertThat(shop.count(App.ORDER, "SELECT count(*) FROM saga s WHERE s.status NOT IN ('COMPLETED', 'COMPENSATED') "
                + "AND EXISTS (SELECT 1 FROM saga_step st WHERE st.saga_id = s.id AND st.options ->> 'orderId' = ANY (?))", (Object) orderIds))
                .as("sagas left unfinished").isZero();
        OrderInvariants.assertBalanced(shop, orders, received, users, coupons);
    }
}
