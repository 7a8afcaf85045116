package io.caravan.bench.gatling;

import java.nio.file.Path;

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
 * The order workload: POST /orders with two lines, some points, some coupons, card payment, at one level
 * (LevelSettings). A completed order is 201; anything else is an error for this workload (stock, points and
 * coupons are ample). BENCH_ORDER_URL is order-app's base URL.
 */
public class OrderSimulation extends Simulation {

    private final LevelSettings level = new LevelSettings();
    private final OrderRequests orders = new OrderRequests(BenchData.read(Path.of(Env.required("BENCH_DATA_DIR"))));

    private final ScenarioBuilder placeOrder = scenario("orders " + level.name)
            .exec(session -> session.set("body", orders.random().json()))
            .exec(http("POST /orders").post("/orders")
                    .body(StringBody("#{body}"))
                    .check(Answers.keep())
                    .check(status().is(201)))
            .exec(session -> Answers.record(session, (s, c) -> s == 201));

    {
        setUp(level.inject(placeOrder)).protocols(LevelSettings.protocol(Env.required("BENCH_ORDER_URL")));
    }

    @Override
    public void before() {
        LevelRecorder.start(level.leadInMillis());
    }

    @Override
    public void after() {
        LevelRecorder.finish(level.describe("orders"));
    }
}
