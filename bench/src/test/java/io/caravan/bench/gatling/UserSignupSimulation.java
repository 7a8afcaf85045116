package io.caravan.bench.gatling;

import java.util.UUID;

import io.caravan.bench.Env;
import io.caravan.bench.proc.LevelRecorder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Stand-in workload while order-app has no POST /orders: POST /users (one insert + one outbox row in one
 * transaction, then the relay to Kafka) at the same levels, so the harness, the resource sampling and the report
 * run end to end. bench/run.sh picks it only when POST /orders answers 404. BENCH_USER_URL is user-app's base URL.
 */
public class UserSignupSimulation extends Simulation {

    private final LevelSettings level = new LevelSettings();

    private final ScenarioBuilder signUp = scenario("users " + level.name)
            .exec(session -> session.set("body", "{\"name\":\"bench signup\",\"email\":\"signup-" + UUID.randomUUID() + "@bench.caravan.io\"}"))
            .exec(http("POST /users").post("/users")
                    .body(StringBody("#{body}"))
                    .check(Answers.keep())
                    .check(status().is(201)))
            .exec(session -> Answers.record(session, (s, c) -> s == 201));

    {
        setUp(level.inject(signUp)).protocols(LevelSettings.protocol(Env.required("BENCH_USER_URL")));
    }

    @Override
    public void before() {
        LevelRecorder.start(level.leadInMillis());
    }

    @Override
    public void after() {
        LevelRecorder.finish(level.describe("users (stand-in)"));
    }
}
