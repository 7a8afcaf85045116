package io.caravan.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import io.caravan.bench.Env;
import io.caravan.bench.Json;

/**
 * Loads the benchmark's data through the public API only (API.md), many requests at a time: users (POST /users)
 * charged with points (POST /users/{id}/points/charge), ordinary products with ample stock plus two hot ones
 * (POST /products: one with ample stock, one with scarce stock), and one coupon (POST /coupons) issued to a share
 * of the users (POST /coupons/{id}/issue). A step whose service does not answer or whose endpoint does not exist
 * yet (a 404 without a Caravan problem code) is skipped and said so in load.json; other failures are counted.
 *
 * <p>Environment: BENCH_USER_URL, BENCH_CATALOG_URL, BENCH_ORDER_URL, BENCH_DATA_DIR (output), BENCH_USERS
 * (10000), BENCH_USER_POINTS (1000000), BENCH_PRODUCTS (1000), BENCH_STOCK (1000000), BENCH_SCARCE_STOCK (200),
 * BENCH_COUPON_USERS (2000), BENCH_LOAD_CONCURRENCY (32), BENCH_RUN_ID (makes e-mails unique per run).
 */
public final class DataLoader {

    private final ApiClient api = new ApiClient();
    private final ExecutorService pool;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final String runId = Env.str("BENCH_RUN_ID", Long.toString(System.currentTimeMillis()));

    private DataLoader(int concurrency) {
        pool = Executors.newFixedThreadPool(concurrency);
    }

    public static void main(String[] args) throws Exception {
        DataLoader loader = new DataLoader(Env.integer("BENCH_LOAD_CONCURRENCY", 32));
        try {
            loader.load(Path.of(Env.required("BENCH_DATA_DIR")));
        } finally {
            loader.pool.shutdownNow();
        }
    }

    private void load(Path dir) throws Exception {
        String users = Env.required("BENCH_USER_URL");
        String catalog = Env.required("BENCH_CATALOG_URL");
        String orders = Env.required("BENCH_ORDER_URL");
        long points = Env.integer("BENCH_USER_POINTS", 1_000_000);
        int stock = Env.integer("BENCH_STOCK", 1_000_000);
        int scarceStock = Env.integer("BENCH_SCARCE_STOCK", 200);

        List<Long> userIds = present(step("users", Env.integer("BENCH_USERS", 10_000), i -> created(api.post(users + "/users",
                "{\"name\":\"bench user " + i + "\",\"email\":\"bench-" + runId + "-" + i + "@bench.caravan.io\"}"))));
        step("points", userIds.size(), i -> created(api.post(users + "/users/" + userIds.get(i) + "/points/charge",
                "{\"amount\":" + points + ",\"requestId\":\"bench-" + runId + "-" + i + "\"}"), userIds.get(i)));
        List<Long> products = present(step("products", Env.integer("BENCH_PRODUCTS", 1_000), i -> created(api.post(
                catalog + "/products", product("bench product " + i, 1000 + (i % 100) * 100L, stock)))));
        List<Long> hot = step("hotProducts", 2, i -> created(api.post(catalog + "/products",
                product(i == 0 ? "bench hot product (ample)" : "bench hot product (scarce)", 5000, i == 0 ? stock : scarceStock))));

        int couponUsers = Math.min(userIds.size(), Env.integer("BENCH_COUPON_USERS", 2_000));
        List<Long> coupon = present(step("coupon", 1, i -> created(api.post(orders + "/coupons",
                "{\"name\":\"bench coupon\",\"discountType\":\"FIXED\",\"discountValue\":500,\"totalQuantity\":"
                        + Math.max(1, couponUsers) + ",\"minOrderAmount\":0}"))));
        List<Long> issued = coupon.isEmpty() ? List.of() : step("couponIssues", couponUsers, i -> created(api.post(
                orders + "/coupons/" + coupon.get(0) + "/issue", "{\"userId\":" + userIds.get(i) + "}")));

        List<BenchData.BenchUser> benchUsers = new ArrayList<>();
        for (int i = 0; i < userIds.size(); i++) {
            benchUsers.add(new BenchData.BenchUser(userIds.get(i), i < issued.size() ? issued.get(i) : null)); // aligned, null = none
        }
        new BenchData(benchUsers, products, hot.size() > 0 && hot.get(0) != null ? hot.get(0) : -1, stock,
                hot.size() > 1 && hot.get(1) != null ? hot.get(1) : -1,
                scarceStock).write(dir);
        report.put("ordersEndpoint", !api.post(orders + "/orders", "{}").unavailable());
        report.put("via", "public API (HTTP), " + Env.integer("BENCH_LOAD_CONCURRENCY", 32) + " requests at a time");
        Json.write(dir.resolve("load.json"), report);
        System.out.println("loaded: " + Json.MAPPER.writeValueAsString(report).replaceAll("\\s+", " "));
    }

    private static String product(String name, long price, long stock) {
        return "{\"name\":\"" + name + "\",\"price\":" + price + ",\"stock\":" + stock + "}";
    }

    /** The new id from a 2xx answer (or {@code fallback} when its body has none); failures throw. */
    private static long created(ApiClient.Answer a, long... fallback) {
        if (a.unavailable()) {
            throw new MissingEndpoint();
        }
        if (!a.ok()) {
            throw new IllegalStateException(a.describe());
        }
        return a.body().hasNonNull("id") ? a.body().get("id").asLong() : fallback.length > 0 ? fallback[0] : -1;
    }

    private static final class MissingEndpoint extends RuntimeException {
    }

    /**
     * Runs n requests, {@code concurrency} at a time; the result is aligned with the indexes (null where one
     * failed). The first request goes alone: when its endpoint does not exist, the step is skipped (an empty
     * list) rather than sent n times.
     */
    private List<Long> step(String name, int n, IntFunction<Long> call) throws Exception {
        long started = System.nanoTime();
        Map<String, Object> r = new LinkedHashMap<>();
        report.put(name, r);
        r.put("requested", n);
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicBoolean missing = new AtomicBoolean();
        Long[] ids = new Long[n];
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Runnable one = () -> {
                try {
                    ids[index] = call.apply(index);
                } catch (MissingEndpoint e) {
                    missing.set(true);
                } catch (RuntimeException e) {
                    firstError.compareAndSet(null, e.getMessage());
                }
            };
            if (i == 0) {
                one.run();
                if (missing.get()) {
                    break;
                }
            } else {
                futures.add(pool.submit(one));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        List<Long> aligned = missing.get() ? List.of() : java.util.Arrays.asList(ids);
        List<Long> done = present(aligned);
        double seconds = (System.nanoTime() - started) / 1e9;
        r.put("available", !missing.get());
        r.put("done", done.size());
        r.put("failed", missing.get() ? 0 : n - done.size());
        r.put("seconds", Math.round(seconds * 10) / 10.0);
        r.put("perSecond", Math.round(done.size() / seconds));
        if (firstError.get() != null) {
            r.put("firstError", firstError.get());
        }
        System.out.printf("load %-12s %s%n", name, r);
        return aligned;
    }

    /** The ids that were made, in order (a failed request leaves a null in a step's aligned result). */
    private static List<Long> present(List<Long> aligned) {
        List<Long> ids = new ArrayList<>();
        for (Long id : aligned) {
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
