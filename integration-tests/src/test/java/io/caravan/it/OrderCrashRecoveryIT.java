package io.caravan.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * order-app is killed (SIGKILL) while 8 clients place 40 orders (points, coupons, a few slow card payments), and
 * started again: within a bound every order that was created is COMPLETED or FAILED and the books of the three
 * services balance (see {@link OrderInvariants}). Orders whose request never reached the app left nothing behind:
 * the per-product and per-user books would not balance otherwise.
 */
class OrderCrashRecoveryIT {

    private static final CaravanSystem caravan = CaravanSystem.get();
    private static final int CLIENTS = 8;
    private static final int ORDERS_PER_CLIENT = 5;
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(90);

    private final Shop shop = new Shop(caravan);

    /** The tests after this one need order-app, also when this one failed between the kill and the restart. */
    @AfterEach
    void orderAppBack() {
        if (!caravan.app(App.ORDER).isAlive()) {
            caravan.restart(App.ORDER);
        }
    }

    @Test
    void shouldFinishEveryOrderAndBalanceTheBooksWhenOrderAppIsKilledMidSaga() throws Exception {
        List<Long> products = List.of(shop.product(1_000, 200), shop.product(2_000, 200), shop.product(3_000, 200), shop.product(1_500, 200));
        shop.restock(products.get(0), 50);
        Map<Long, Long> received = new LinkedHashMap<>();
        products.forEach(p -> received.put(p, 200L));
        received.merge(products.get(0), 50L, Long::sum);
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            users.add(shop.user(30_000));
        }
        List<Long> coupons = shop.coupons(500, users);
        shop.warmUp(products.get(3));

        OrderLoad load = new OrderLoad(shop, OrderLoad.mixed("crash", products, users, coupons, ORDERS_PER_CLIENT)).start();
        await("orders placed and a slow one in flight").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> caravan.count(App.ORDER, "SELECT count(*) FROM orders WHERE request_id = ANY (?)",
                        (Object) load.sentKeys().toArray(String[]::new)) >= 12
                        && shop.unfinished(load.slowKeysSent()) > 0);
        caravan.kill(App.ORDER);
        load.awaitStopped();
        List<String> keys = load.sentKeys();
        long unfinishedAtCrash = shop.unfinished(keys);

        caravan.restart(App.ORDER);
        long restarted = System.nanoTime();
        await("every order COMPLETED or FAILED").atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(500))
                .until(() -> shop.unfinished(keys) == 0);
        System.out.printf("crash test: %d orders sent, %d answered, %d unfinished at the crash, all finished %d ms after restart%n",
                keys.size(), load.answers().size(), unfinishedAtCrash, (System.nanoTime() - restarted) / 1_000_000);

        List<Map<String, Object>> orders = shop.ordersOf(keys);
        System.out.println("crash test: orders by status " + orders.stream()
                .collect(Collectors.groupingBy(o -> o.get("status"), TreeMap::new, Collectors.counting())));
        assertThat(unfinishedAtCrash).as("sagas interrupted by the kill").isPositive();
        assertThat(orders).as("orders by status").anyMatch(o -> "COMPLETED".equals(o.get("status"))).anyMatch(o -> "FAILED".equals(o.get("status")));
        OrderInvariants.assertBalanced(shop, orders, received, users, coupons);
    }
}
