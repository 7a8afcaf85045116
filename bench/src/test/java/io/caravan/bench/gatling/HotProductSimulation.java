package io.caravan.bench.gatling;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import io.caravan.bench.Env;
import io.caravan.bench.load.BenchData;
import io.caravan.bench.load.OrderRequests;
import io.caravan.bench.proc.LevelRecorder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Every order's first line on one product. BENCH_HOT=ample: a product with stock for the whole run (quantity
 * 1..3; every order must complete; compare with the reference's hot-row rate). BENCH_HOT=scarce: a product with
 * little stock (quantity 1 each): orders complete until it is sold out, then 409 INSUFFICIENT_STOCK is the right
 * answer; the units the clients were told were sold are recorded for the oversell check.
 */
public class HotProductSimulation extends Simulation {

    private final LevelSettings level = new LevelSettings();
    private final boolean scarce = "scarce".equals(Env.str("BENCH_HOT", "ample"));
    private final BenchData data = BenchData.read(Path.of(Env.required("BENCH_DATA_DIR")));
    private final OrderRequests orders = new OrderRequests(data);
    private final long hotProduct = scarce ? data.scarceProductId() : data.ampleProductId();

    private final ScenarioBuilder placeOrder = scenario("hot " + level.name)
            .exec(session -> {
                int quantity = scarce ? 1 : ThreadLocalRandom.current().nextInt(1, 4);
                return session.set("body", orders.hot(hotProduct, quantity).json()).set("quantity", quantity);
            })
            .exec(http(scarce ? "POST /orders (scarce product)" : "POST /orders (hot product)").post("/orders")
                    .body(StringBody("#{body}"))
                    .check(Answers.keep())
                    .check(scarce ? status().in(201, 409) : status().is(201)))
            .exec(session -> {
                if (session.contains("status") && session.getInt("status") == 201) {
                    LevelRecorder.sold(session.getInt("quantity"));
                }
                return Answers.record(session, (s, c) -> s == 201 || scarce && s == 409 && "INSUFFICIENT_STOCK".equals(c));
            });

    {
        if (hotProduct <= 0) {
            throw new IllegalStateException("the loader made no " + (scarce ? "scarce" : "ample") + " hot product");
        }
        setUp(level.inject(placeOrder)).protocols(LevelSettings.protocol(Env.required("BENCH_ORDER_URL")));
    }

    @Override
    public void before() {
        LevelRecorder.start(level.leadInMillis());
    }

    @Override
    public void after() {
        java.util.Map<String, Object> settings = level.describe(scarce ? "hot-scarce" : "hot-ample");
        settings.put("hotProductId", hotProduct);
        settings.put("initialStock", scarce ? data.scarceStock() : data.ampleStock());
        LevelRecorder.finish(settings);
    }
}
