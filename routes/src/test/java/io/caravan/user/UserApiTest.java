package io.caravan.user;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.caravan.testsupport.Http;
import io.caravan.testsupport.ServiceTest;
import io.caravan.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /users and GET /users/{userId} over HTTP on a real PostgreSQL. */
@ServiceTest
class UserApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "user");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HttpCodeStatusMapper healthCodes;

    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
    }

    @Test
    void shouldCreateUserAndWriteOneUserCreatedEvent() {
        var created = http.withHeader("X-Echo-Me", "secret").post("/users", "{\"name\":\"Grace\",\"email\":\"grace@example.com\"}");

        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/users/" + id);
        assertThat(created.header("X-Echo-Me")).isNull();
        assertThat(created.json().path("createdAt").asText()).isNotBlank();
        var read = http.get("/users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("name").asText()).isEqualTo("Grace");
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE event_type = 'UserCreated' AND message_key = ? AND topic = 'user-events'"
                        + " AND payload->>'userId' = ?", Integer.class, String.valueOf(id), String.valueOf(id)))
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseDuplicateEmailIgnoringCaseAndWriteNothing() {
        assertThat(http.post("/users", "{\"name\":\"Linus\",\"email\":\"linus@example.com\"}").status()).isEqualTo(201);
        int users = count("users");
        int events = count("outbox");

        var duplicate = http.post("/users", "{\"name\":\"Other\",\"email\":\"LINUS@example.com\"}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.header("Content-Type")).startsWith("application/problem+json");
        assertThat(duplicate.code()).isEqualTo("EMAIL_ALREADY_EXISTS");
        assertThat(count("users")).isEqualTo(users);
        assertThat(count("outbox")).isEqualTo(events);
    }

    @Test
    void shouldAnswerValidationFailedAndWriteNothingForBadInput() {
        int users = count("users");
        String[] bodies = {
            "{\"name\":\"A\",\"email\":\"invalid\"}",
            "{\"email\":\"missing-name@example.com\"}",
            "{\"name\":\"\",\"email\":\"blank@example.com\"}",
            "{\"name\":\"" + "x".repeat(101) + "\",\"email\":\"long@example.com\"}",
            "{\"name\":42,\"email\":\"type@example.com\"}",
            "{\"name\":\"A\",",
            "[]",
            "",
        };
        for (String body : bodies) {
            var answer = http.post("/users", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.json().path("errors").isArray()).as(body).isTrue();
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("SQL");
        }
        assertThat(count("users")).isEqualTo(users);
    }

    @Test
    void shouldAnswerNotFoundOrValidationFailedForUnknownOrNonNumericIds() {
        assertThat(http.get("/users/987654").code()).isEqualTo("USER_NOT_FOUND");
        assertThat(http.get("/users/987654").status()).isEqualTo(404);
        assertThat(http.get("/users/abc").status()).isEqualTo(400);
        assertThat(http.get("/users/-1").status()).isEqualTo(400);
        assertThat(http.get("/users/99999999999999999999").status()).isEqualTo(400);
    }

    @Test
    void shouldAnswerProblemsForPathsAndMethodsNoRouteServes() {
        var unknownPath = http.get("/no-such-thing/1");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownPath.code()).isEqualTo("NOT_FOUND");
        assertThat(unknownPath.json().path("detail").asText()).isEqualTo("No endpoint serves GET /no-such-thing/1");

        var wrongMethod = http.send("DELETE", "/users/1", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(http.send("PUT", "/users", "{}").header("Allow")).isEqualTo("POST, OPTIONS");

        var unknownActuatorPath = http.get("/actuator/no-such-endpoint");
        assertThat(unknownActuatorPath.status()).isEqualTo(404);
        assertThat(unknownActuatorPath.code()).isEqualTo("NOT_FOUND");
        var wrongActuatorMethod = http.post("/actuator/health", "{}");
        assertThat(wrongActuatorMethod.status()).isEqualTo(405);
        assertThat(wrongActuatorMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(wrongActuatorMethod.headers().allValues("Allow")).singleElement().asString().contains("GET");
    }

    @Test
    void shouldAnswerHeadWhereverGetIsServed() {
        long id = http.post("/users", "{\"name\":\"Hedy\",\"email\":\"hedy@example.com\"}").json().path("id").asLong();
        var get = http.get("/users/" + id);

        var head = http.send("HEAD", "/users/" + id, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.body()).isEmpty();
        assertThat(http.send("HEAD", "/users/987654", null).status()).isEqualTo(404);
        assertThat(http.send("HEAD", "/users", null).status()).isEqualTo(405);
        assertThat(http.send("HEAD", "/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void shouldServeHealthPrometheusAndOpenApi() {
        http.get("/users/987654");

        assertThat(http.get("/actuator/health").json().path("components").has("db")).isTrue();
        String metrics = http.get("/actuator/prometheus").body();
        assertThat(metrics).contains("jvm_memory_used_bytes");
        // REST requests are counted under their route's URI template, as Spring MVC counts its own
        assertThat(metrics).containsPattern("(?m)^http_server_requests_seconds_count\\{.*method=\"GET\".*status=\"404\".*uri=\"/users/\\{userId}\"");
        var apiDoc = http.get("/api-doc").json();
        assertThat(apiDoc.path("paths").has("/users")).isTrue();
        // the server is where the document was fetched from (relative), or what a proxy in front says it is
        assertThat(apiDoc.path("servers").get(0).path("url").asText()).isEmpty();
        var behindProxy = http.withHeader("X-Forwarded-Proto", "https").withHeader("X-Forwarded-Host", "shop.example.com").get("/api-doc");
        assertThat(behindProxy.json().path("servers").get(0).path("url").asText()).isEqualTo("https://shop.example.com");
    }

    @Test
    void shouldAnswer503ToHealthProbesWhenDownAnd200WhenDegraded() {
        // caravan-common.yml maps DEGRADED; a custom mapping replaces Spring's defaults, so DOWN must be mapped again
        assertThat(healthCodes.getStatusCode(Status.DOWN)).isEqualTo(503);
        assertThat(healthCodes.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
        assertThat(healthCodes.getStatusCode(new Status("DEGRADED"))).isEqualTo(200);
        assertThat(healthCodes.getStatusCode(Status.UP)).isEqualTo(200);
    }

    @Test
    void shouldRequireTheServiceTokenOnInternalEndpoints() {
        var answer = http.post("/internal/anything", "{}");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHORIZED");
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
