package io.caravan.it;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.testsupport.Http;

import static org.awaitility.Awaitility.await;

/**
 * A seeded, randomised, concurrent workload over HTTP only, run once per test JVM and shared by
 * {@link RandomWorkloadBooksIT} (the books) and {@link EventsIT} (what the events say about it).
 *
 * <p>It creates its own products (scarce stock), users (with points) and coupons (FIXED and RATE, some with a tiny
 * total), then runs a planned list of operations on {@value #THREADS} client threads: orders (1-3 lines, some with
 * points, some with a REQUIRED or OPTIONAL coupon of their own or of someone else, some paying with
 * {@code tok_declined} or {@code tok_timeout}, some without a card), repeats of earlier orders' Idempotency-Keys
 * with the same body (some fired twice at the same moment), point charges (some repeating a requestId), restocks
 * and coupon issues. Every answer is kept; an answer the contract does not allow for that request is an
 * {@link #unexpected} one. The plan is a function of the seed (printed; rerun with {@code -Dcaravan.it.seed=N});
 * the interleaving is not.
 */
final class BooksWorkload {

    static final int THREADS = 8;
    static final int PRODUCTS = 20;
    static final int USERS = 30;
    static final int ORDERS = 300;
    static final int CHARGES = 40;
    static final int RESTOCKS = 20;
    static final int ISSUES = 30;
    static final int WARM_UP_ORDERS = 5;
    static final int OVERDRAFTS = 12;
    static final long BIG_TICKET_PRICE = 100_000;
    static final Duration RUN_LIMIT = Duration.ofSeconds(Long.getLong("caravan.it.workload-limit-s", 240));
    static final Duration QUIESCENCE_LIMIT = Duration.ofSeconds(90);
    static final Set<String> ORDER_REFUSALS = Set.of("INSUFFICIENT_STOCK", "INSUFFICIENT_POINTS", "COUPON_NOT_APPLICABLE",
            "PAYMENT_DECLINED", "PAYMENT_METHOD_REQUIRED", "POINTS_EXCEED_TOTAL");

    private static BooksWorkload shared;

    final long seed;
    final String tag;
    private final CaravanSystem caravan = CaravanSystem.get();
    private final Http users = caravan.http(App.USER);
    private final Http catalog = caravan.http(App.CATALOG);
    private final Http orders = caravan.http(App.ORDER);

    /** What was created and what each request did, as the client saw it. */
    final List<Product> products = new ArrayList<>();
    final List<Long> userIds = new ArrayList<>();
    final List<Coupon> coupons = new ArrayList<>();
    final Map<Long, AtomicLong> restocked = new ConcurrentHashMap<>();
    final Map<String, Charge> charges = new ConcurrentHashMap<>();
    final List<ChargeCall> chargeCalls = Collections.synchronizedList(new ArrayList<>());
    final List<Issue> issued = Collections.synchronizedList(new ArrayList<>());
    final List<OrderCall> orderCalls = Collections.synchronizedList(new ArrayList<>());
    final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, List<Long>> couponsOfUser = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    record Product(long id, long price, long initialStock) {}

    record Coupon(long id, String type, long value, long totalQuantity, long minOrderAmount) {}

    record Issue(long issuedCouponId, long couponId, long userId) {}

    /** A charge by (userId, requestId) and whether any of its calls was answered 200. */
    record Charge(long userId, String requestId, long amount, boolean applied) {}

    record ChargeCall(long userId, String requestId, long amount, int status, long balance) {}

    /** One POST /orders as sent and answered; {@code orderId} null only for REQUEST_IN_PROGRESS or an unexpected answer. */
    record OrderCall(OrderSpec spec, int status, String code, String orderId, JsonNode answer) {}

    private BooksWorkload(long seed) {
        this.seed = seed;
        this.tag = Long.toHexString(seed) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The workload, run on first use. */
    static synchronized BooksWorkload shared() {
        if (shared == null) {
            long seed = Long.getLong("caravan.it.seed", System.nanoTime());
            System.out.println("BooksWorkload seed=" + seed + " (rerun with -Dcaravan.it.seed=" + seed + ")");
            BooksWorkload workload = new BooksWorkload(seed);
            workload.run();
            shared = workload;
        }
        return shared;
    }

    /** Runs an assertion block and names the seed when it fails. */
    void verify(Runnable assertions) {
        try {
            assertions.run();
        } catch (AssertionError e) {
            throw new AssertionError("[workload seed " + seed + ", rerun with -Dcaravan.it.seed=" + seed + "] " + e.getMessage(), e);
        }
    }

    private void run() {
        long started = System.nanoTime();
        Random random = new Random(seed);
        setUp(random);
        warmUp();
        List<Runnable> plan = plan(random);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
                    plan.get(i).run();
                }
            }, pool));
        }
        try {
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The workload did not finish within " + RUN_LIMIT + " (seed " + seed + ")", e);
        } finally {
            pool.shutdownNow();
        }
        awaitQuiescence();
        System.out.printf("BooksWorkload seed=%d: %d HTTP calls, %d order calls, %s, in %d s%n", seed, calls.get(),
                orderCalls.size(), outcomes(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /** Answers per status and code, e.g. {@code {201=180, 409 INSUFFICIENT_STOCK=60, ...}}. */
    Map<String, Long> outcomes() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        synchronized (orderCalls) {
            orderCalls.forEach(c -> counts.merge(c.status() + (c.code() == null ? "" : " " + c.code()), 1L, Long::sum));
        }
        return counts;
    }

    // ---------------------------------------------------------------- set-up

    private void setUp(Random random) {
        long[] prices = {900, 1500, 2500, 4000, 7000, 12000, 19900};
        for (int i = 0; i < PRODUCTS; i++) {
            long price = prices[random.nextInt(prices.length)];
            long stock = 5 + random.nextInt(26);
            JsonNode product = expect(catalog.post("/products", "{\"name\":\"Books %s #%d\",\"price\":%d,\"stock\":%d}"
                    .formatted(tag, i, price, stock)), 201, "create product").json();
            products.add(new Product(product.path("id").asLong(), price, stock));
        }
        // plenty of an expensive product: orders that spend more points than a user holds reach the points step
        JsonNode bigTicket = expect(catalog.post("/products", "{\"name\":\"Books %s big ticket\",\"price\":%d,\"stock\":%d}"
                .formatted(tag, BIG_TICKET_PRICE, 500)), 201, "create product").json();
        products.add(new Product(bigTicket.path("id").asLong(), BIG_TICKET_PRICE, 500));
        for (int i = 0; i < USERS; i++) {
            JsonNode user = expect(users.post("/users", "{\"name\":\"Books %d\",\"email\":\"books-%s-%d@example.com\"}"
                    .formatted(i, tag, i)), 201, "create user").json();
            long userId = user.path("id").asLong();
            userIds.add(userId);
            couponsOfUser.put(userId, Collections.synchronizedList(new ArrayList<>()));
            charge(userId, "init-" + tag + "-" + i, 10_000 + 1_000L * random.nextInt(51));
        }
        coupons.add(createCoupon("FIXED", 2_000, 6, 0));
        coupons.add(createCoupon("RATE", 10, 12, 5_000));
        coupons.add(createCoupon("RATE", 100, 3, 0));
        coupons.add(createCoupon("FIXED", 500, 1_000, 30_000));
        for (long userId : userIds) {
            if (random.nextInt(3) > 0) {
                issue(coupons.get(random.nextInt(coupons.size())).id(), userId);
            }
        }
    }

    /**
     * A few orders one after the other, of a product and user outside the books, before the concurrent phase: the
     * order path's first calls (class loading, JIT, connection pools) are slow, and on a busy machine they could
     * outlast the payment timeout and open the gateway's breaker before the workload starts.
     */
    private void warmUp() {
        long productId = expect(catalog.post("/products", "{\"name\":\"Books warm-up %s\",\"price\":100,\"stock\":100}".formatted(tag)),
                201, "create product").json().path("id").asLong();
        long userId = expect(users.post("/users", "{\"name\":\"Books warm-up\",\"email\":\"books-warm-up-%s@example.com\"}".formatted(tag)),
                201, "create user").json().path("id").asLong();
        for (int i = 0; i < WARM_UP_ORDERS; i++) {
            calls.incrementAndGet();
            orders.post("/orders", ("{\"userId\":%d,\"items\":[{\"productId\":%d,\"quantity\":1}],"
                    + "\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}").formatted(userId, productId));
        }
    }

    private Coupon createCoupon(String type, long value, long total, long minOrderAmount) {
        JsonNode coupon = expect(orders.post("/coupons", ("{\"name\":\"Books %s %s %d\",\"discountType\":\"%s\",\"discountValue\":%d,"
                + "\"totalQuantity\":%d,\"minOrderAmount\":%d}").formatted(tag, type, value, type, value, total, minOrderAmount)),
                201, "create coupon").json();
        return new Coupon(coupon.path("id").asLong(), type, value, total, minOrderAmount);
    }

    // ---------------------------------------------------------------- the plan

    /** The operations in the order they are taken by the client threads, decided by the seed alone. */
    private List<Runnable> plan(Random random) {
        List<Runnable> plan = new ArrayList<>();
        List<OrderSpec> placed = new ArrayList<>();
        List<Charge> planned = new ArrayList<>();
        AtomicInteger overdrafts = new AtomicInteger();
        int ordersLeft = ORDERS, chargesLeft = CHARGES, restocksLeft = RESTOCKS, issuesLeft = ISSUES;
        while (ordersLeft + chargesLeft + restocksLeft + issuesLeft > 0) {
            int pick = random.nextInt(ordersLeft + chargesLeft + restocksLeft + issuesLeft);
            if (pick < ordersLeft) {
                ordersLeft--;
                int kind = random.nextInt(100);
                if (kind < 8 && !placed.isEmpty()) {
                    // the same key and body again, later: one of the last few (maybe still running) or any earlier one
                    OrderSpec again = kind < 5 ? placed.get(Math.max(0, placed.size() - 1 - random.nextInt(Math.min(8, placed.size()))))
                            : placed.get(random.nextInt(placed.size()));
                    plan.add(() -> placeOrder(again));
                } else if (kind < 16 && overdrafts.getAndIncrement() < OVERDRAFTS) {
                    // 2 big tickets (200,000) with 190,000 points: more than any user holds, so INSUFFICIENT_POINTS
                    OrderSpec overdraft = new OrderSpec(this, new Random(random.nextLong()), "order-" + tag + "-" + placed.size(),
                            userIds.get(random.nextInt(userIds.size())), products.get(PRODUCTS).id());
                    placed.add(overdraft);
                    plan.add(() -> placeOrder(overdraft));
                } else if (kind < 12) {
                    // the same key and body twice at the same moment
                    OrderSpec twice = newOrder(random, placed);
                    plan.add(() -> placeTwiceAtOnce(twice));
                } else {
                    OrderSpec order = newOrder(random, placed);
                    plan.add(() -> placeOrder(order));
                }
            } else if (pick < ordersLeft + chargesLeft) {
                chargesLeft--;
                long userId = userIds.get(random.nextInt(userIds.size()));
                Charge charge;
                if (!planned.isEmpty() && random.nextInt(10) < 3) {
                    charge = planned.get(random.nextInt(planned.size()));
                } else {
                    String requestId = random.nextInt(10) == 0 ? null : "charge-" + tag + "-" + plan.size();
                    charge = new Charge(userId, requestId, 1_000L * (1 + random.nextInt(30)), false);
                    planned.add(charge);
                }
                plan.add(() -> charge(charge.userId(), charge.requestId(), charge.amount()));
            } else if (pick < ordersLeft + chargesLeft + restocksLeft) {
                restocksLeft--;
                Product product = products.get(random.nextInt(PRODUCTS));
                int quantity = 1 + random.nextInt(8);
                plan.add(() -> restock(product.id(), quantity));
            } else {
                issuesLeft--;
                long couponId = coupons.get(random.nextInt(coupons.size())).id();
                long userId = userIds.get(random.nextInt(userIds.size()));
                plan.add(() -> issue(couponId, userId));
            }
        }
        return plan;
    }

    private OrderSpec newOrder(Random random, List<OrderSpec> placed) {
        OrderSpec spec = new OrderSpec(this, new Random(random.nextLong()), "order-" + tag + "-" + placed.size(),
                userIds.get(random.nextInt(userIds.size())));
        placed.add(spec);
        return spec;
    }

    /** A coupon to put on an order: usually one of the user's own (maybe used already), sometimes someone else's. */
    Long couponFor(long userId, Random random) {
        List<Long> own = couponsOfUser.get(userId);
        synchronized (own) {
            if (!own.isEmpty() && random.nextInt(5) > 0) {
                return own.get(random.nextInt(own.size()));
            }
        }
        synchronized (issued) {
            return issued.isEmpty() ? null : issued.get(random.nextInt(issued.size())).issuedCouponId();
        }
    }

    // ---------------------------------------------------------------- the operations

    private void placeOrder(OrderSpec spec) {
        Http.Response answer = call(() -> orders.withHeader("Idempotency-Key", spec.key).post("/orders", spec.body()),
                "POST /orders " + spec.key);
        if (answer == null) {
            orderCalls.add(new OrderCall(spec, -1, null, null, null));
            return;
        }
        JsonNode json = answer.body().isEmpty() ? null : answer.json();
        String code = answer.status() == 201 ? null : answer.code();
        String orderId = json == null ? null : json.path("orderId").asText(null);
        OrderCall call = new OrderCall(spec, answer.status(), code, orderId, json);
        orderCalls.add(call);
        String problem = spec.whatIsWrongWith(call);
        if (problem != null) {
            unexpected.add("POST /orders " + spec.key + " " + spec.body() + " -> " + answer.status() + " " + answer.body() + ": " + problem);
        }
    }

    private void placeTwiceAtOnce(OrderSpec spec) {
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> placeOrder(spec));
        placeOrder(spec);
        other.join();
    }

    private void charge(long userId, String requestId, long amount) {
        String body = requestId == null ? "{\"amount\":%d}".formatted(amount)
                : "{\"amount\":%d,\"requestId\":\"%s\"}".formatted(amount, requestId);
        Http.Response answer = call(() -> users.post("/users/" + userId + "/points/charge", body), "charge " + requestId);
        if (answer == null) {
            return;
        }
        long balance = answer.status() == 200 ? answer.json().path("balance").asLong() : -1;
        chargeCalls.add(new ChargeCall(userId, requestId, amount, answer.status(), balance));
        if (answer.status() == 200) {
            String key = requestId == null ? "no-request-id-" + UUID.randomUUID() : userId + "/" + requestId;
            charges.merge(key, new Charge(userId, requestId, amount, true), (first, again) -> first);
        } else if (!(answer.status() == 409 && "BALANCE_LIMIT_EXCEEDED".equals(answer.code()))) {
            unexpected.add("charge " + userId + " " + body + " -> " + answer.status() + " " + answer.body());
        }
    }

    private void restock(long productId, int quantity) {
        Http.Response answer = call(() -> catalog.post("/products/" + productId + "/stock", "{\"quantity\":" + quantity + "}"),
                "restock " + productId);
        if (answer == null) {
            return;
        }
        if (answer.status() == 200) {
            restocked.computeIfAbsent(productId, id -> new AtomicLong()).addAndGet(quantity);
        } else {
            unexpected.add("restock " + productId + " +" + quantity + " -> " + answer.status() + " " + answer.body());
        }
    }

    private void issue(long couponId, long userId) {
        Http.Response answer = call(() -> orders.post("/coupons/" + couponId + "/issue", "{\"userId\":" + userId + "}"),
                "issue " + couponId);
        if (answer == null) {
            return;
        }
        if (answer.status() == 201) {
            long id = answer.json().path("id").asLong();
            issued.add(new Issue(id, couponId, userId));
            couponsOfUser.get(userId).add(id);
        } else if (!(answer.status() == 409 && Set.of("COUPON_SOLD_OUT", "COUPON_ALREADY_ISSUED").contains(answer.code()))) {
            unexpected.add("issue coupon " + couponId + " to " + userId + " -> " + answer.status() + " " + answer.body());
        }
    }

    private Http.Response call(java.util.function.Supplier<Http.Response> request, String what) {
        calls.incrementAndGet();
        try {
            return request.get();
        } catch (UncheckedIOException | IllegalStateException e) {
            unexpected.add(what + " -> no answer: " + e);
            return null;
        }
    }

    private Http.Response expect(Http.Response response, int status, String what) {
        calls.incrementAndGet();
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered " + response.status() + " " + response.body() + " (seed " + seed + ")");
        }
        return response;
    }

    // ---------------------------------------------------------------- after the run

    /** Every order of the workload's users, as order-app lists them (newest first). */
    Map<Long, List<JsonNode>> ordersByUser() {
        Map<Long, List<JsonNode>> all = new java.util.LinkedHashMap<>();
        for (long userId : userIds) {
            JsonNode items = get(orders, "/users/" + userId + "/orders?limit=100").path("items");
            if (items.size() >= 100) {
                throw new IllegalStateException("user " + userId + " has 100+ orders: the workload must keep below the page size");
            }
            List<JsonNode> list = new ArrayList<>();
            items.forEach(list::add);
            all.put(userId, list);
        }
        return all;
    }

    /** Every order of the workload by orderId. */
    Map<String, JsonNode> ordersById() {
        Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        ordersByUser().values().forEach(list -> list.forEach(o -> byId.put(o.path("orderId").asText(), o)));
        return byId;
    }

    /**
     * Bounded: until no order of the workload is PENDING or COMPENSATING. Not reaching it is not thrown here:
     * {@link RandomWorkloadBooksIT} reports the orders that stayed unfinished.
     */
    private void awaitQuiescence() {
        try {
            await("every workload order COMPLETED or FAILED").atMost(QUIESCENCE_LIMIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ordersById().values().stream()
                            .map(o -> o.path("status").asText())
                            .allMatch(s -> s.equals("COMPLETED") || s.equals("FAILED")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("BooksWorkload seed=" + seed + ": not quiescent within " + QUIESCENCE_LIMIT);
        }
    }

    static JsonNode get(Http http, String path) {
        Http.Response response = http.get(path);
        if (response.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.status() + " " + response.body());
        }
        return response.json();
    }

    Http users() {
        return users;
    }

    Http catalog() {
        return catalog;
    }

    Http orders() {
        return orders;
    }
}
