package io.caravan.it;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.caravan.testsupport.Http;

/**
 * Orders placed concurrently by a few client threads, each with its own Idempotency-Key, while the test does
 * something to order-app (kills it). A thread stops at the first request that gets no answer (the app is gone).
 */
final class OrderLoad {

    /** One order to place: its key and body. */
    record Order(String key, String body) {}

    private final Shop shop;
    private final List<List<Order>> perThread;
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> slowSent = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private ExecutorService pool;
    private final List<Future<?>> running = new ArrayList<>();

    OrderLoad(Shop shop, List<List<Order>> perThread) {
        this.shop = shop;
        this.perThread = perThread;
    }

    static Order order(String prefix, String body) {
        return new Order(prefix + "-" + UUID.randomUUID(), body);
    }

    /**
     * Per user (one client each), {@code perClient} orders: one or two lines, 500 points on every other order, the
     * user's coupon (OPTIONAL) on every third, and on every other client one slow card payment (tok_timeout: the
     * gateway answers too late, the charge is voided) to keep some sagas between steps.
     */
    static List<List<Order>> mixed(String prefix, List<Long> products, List<Long> users, List<Long> coupons, int perClient) {
        List<List<Order>> all = new ArrayList<>();
        for (int client = 0; client < users.size(); client++) {
            List<Order> orders = new ArrayList<>();
            for (int i = 0; i < perClient; i++) {
                Map<Long, Integer> lines = new LinkedHashMap<>();
                lines.put(products.get((i + client) % products.size()), 1);
                if (i % 2 == 0) {
                    lines.put(products.get((i + client + 1) % products.size()), 2);
                }
                String card = i == 2 && client % 2 == 0 ? "tok_timeout" : "tok_visa";
                orders.add(order(prefix, Shop.orderBody(users.get(client), lines, i % 2 == 0 ? 500 : 0,
                        i % 3 == 0 ? coupons.get(client) : null, card)));
            }
            all.add(orders);
        }
        return all;
    }

    OrderLoad start() {
        pool = Executors.newFixedThreadPool(perThread.size());
        for (List<Order> orders : perThread) {
            running.add(pool.submit(() -> place(orders)));
        }
        return this;
    }

    private void place(List<Order> orders) {
        for (Order order : orders) {
            sent.add(order.key());
            if (order.body().contains("\"tok_timeout\"")) {
                slowSent.add(order.key());
            }
            try {
                Http.Response answer = shop.placeOrder(order.key(), order.body());
                answers.put(order.key(), answer.status());
            } catch (UncheckedIOException | IllegalStateException e) {
                return; // order-app went away mid-request: this client stops
            }
        }
    }

    /** Waits (bounded) until every client thread stopped. */
    void awaitStopped() throws Exception {
        for (Future<?> thread : running) {
            thread.get(120, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
    }

    /** The keys of every order a client began to send (answered or not). */
    List<String> sentKeys() {
        return List.copyOf(sent);
    }

    /**
     * The keys of the slow-card orders (tok_timeout) a client began to send. Such an order waits seconds for the
     * gateway, so one still unfinished is a saga a kill will interrupt; a fast order may finish between a look at
     * the database and the kill.
     */
    List<String> slowKeysSent() {
        return List.copyOf(slowSent);
    }

    /** HTTP status per key of the orders that got an answer. */
    Map<String, Integer> answers() {
        return Map.copyOf(answers);
    }
}
