package io.caravan.it;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every app is healthy with its database and Kafka, and serves its metrics and OpenAPI document. */
class SystemHealthIT {

    private static final CaravanSystem caravan = CaravanSystem.get();

    @ParameterizedTest
    @EnumSource(App.class)
    void shouldBeUpWithDatabaseAndKafkaWhenSystemRuns(App app) {
        // an app's first Kafka admin connection may still be under way right after start-up (DEGRADED until then)
        await("%s reports UP".formatted(app.appName())).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> caravan.http(app).get("/actuator/health").json().path("status").asText(), "UP"::equals);
        Http.Response health = caravan.http(app).get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        JsonNode components = health.json().path("components");
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("kafka").path("status").asText()).isEqualTo("UP");
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void shouldServePrometheusMetricsTaggedWithTheApp(App app) {
        Http.Response metrics = caravan.http(app).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("application=\"" + app.appName() + "\"");
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void shouldServeItsOpenApiDocument(App app) {
        Http.Response doc = caravan.http(app).get("/api-doc");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().path("openapi").asText()).startsWith("3.");
        assertThat(doc.json().path("info").path("title").asText()).containsIgnoringCase(app.service());
    }
}
