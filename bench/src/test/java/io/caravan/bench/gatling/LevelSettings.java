package io.caravan.bench.gatling;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.caravan.bench.Env;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * One level of load, from the environment bench/run.sh sets: BENCH_LEVEL_NAME, BENCH_CLIENTS (closed model:
 * that many users at all times, each placing one order and replaced as soon as it is answered), BENCH_DURATION
 * (seconds), or BENCH_RATE (open model: that many new orders per second, to read latency at a given throughput),
 * BENCH_DATA_DIR (the loader's files), BENCH_LEAD_IN (seconds of the same load before the measured ones, whose
 * answers the LevelRecorder keeps apart; 0 by default).
 */
final class LevelSettings {

    final String name = Env.str("BENCH_LEVEL_NAME", "level");
    final int clients = Env.integer("BENCH_CLIENTS", 1);
    final int seconds = Env.integer("BENCH_DURATION", 30);
    final double rate = Env.decimal("BENCH_RATE", 0);
    final int leadIn = Env.integer("BENCH_LEAD_IN", 0);

    PopulationBuilder inject(ScenarioBuilder scenario) {
        Duration measured = Duration.ofSeconds(seconds);
        Duration lead = Duration.ofSeconds(leadIn);
        if (rate > 0) {
            return leadIn > 0
                    ? scenario.injectOpen(constantUsersPerSec(rate).during(lead), constantUsersPerSec(rate).during(measured))
                    : scenario.injectOpen(constantUsersPerSec(rate).during(measured));
        }
        return leadIn > 0
                ? scenario.injectClosed(constantConcurrentUsers(clients).during(lead), constantConcurrentUsers(clients).during(measured))
                : scenario.injectClosed(constantConcurrentUsers(clients).during(measured));
    }

    /** When the LevelRecorder's window opens, in milliseconds after the simulation's start. */
    long leadInMillis() {
        return leadIn * 1000L;
    }

    /** One connection pool for all virtual users (a client fleet behind keep-alive, not a new TCP connection per order). */
    static HttpProtocolBuilder protocol(String baseUrl) {
        return http.baseUrl(baseUrl)
                .shareConnections()
                .disableWarmUp()
                .contentTypeHeader("application/json")
                .acceptHeader("application/json");
    }

    Map<String, Object> describe(String scenario) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("scenario", scenario);
        m.put("model", rate > 0 ? "open" : "closed");
        m.put("clients", rate > 0 ? 0 : clients);
        m.put("rate", rate);
        m.put("seconds", seconds);
        m.put("leadInSeconds", leadIn);
        return m;
    }
}
