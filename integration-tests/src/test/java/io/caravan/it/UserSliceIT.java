package io.caravan.it;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** The user slice end to end: HTTP in, a row in caravan_user, a UserCreated record on user-events. */
class UserSliceIT {

    private static final CaravanSystem caravan = CaravanSystem.get();
    private static final List<String> ENVELOPE_FIELDS =
            List.of("eventId", "eventType", "orderId", "userId", "productId", "couponId", "requestId", "timestamp");

    private final Http users = caravan.http(App.USER);

    @Test
    void shouldPublishUserCreatedKeyedByUserIdWhenUserIsCreated() {
        String email = "ada-" + UUID.randomUUID() + "@example.com";

        Http.Response created = users.post("/users", "{\"name\":\"Ada\",\"email\":\"" + email + "\"}");

        assertThat(created.status()).isEqualTo(201);
        String userId = created.json().path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/users/" + userId);
        assertThat(users.get("/users/" + userId).json().path("email").asText()).isEqualTo(email);
        try (var events = KafkaTestConsumer.open(caravan.kafkaBootstrapServers(), "user-events")) {
            ConsumerRecord<String, String> record = events.awaitRecord(
                    r -> userId.equals(r.key()) && "UserCreated".equals(KafkaTestConsumer.eventType(r)), Duration.ofSeconds(30));
            JsonNode event = KafkaTestConsumer.value(record);
            assertThat(event.path("userId").asText()).isEqualTo(userId);
            assertThat(UUID.fromString(event.path("eventId").asText())).isNotNull();
            assertThat(event.path("timestamp").asText()).isNotBlank();
            assertThat(event.path("orderId").isNull()).isTrue();
            // identifiers only: the envelope's fields and nothing of the user (no name, no email)
            assertThat(fieldNames(event)).containsExactlyInAnyOrderElementsOf(ENVELOPE_FIELDS);
            assertThat(record.value()).doesNotContain(email);
        }
    }

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\":\"Ada\",", 400, "VALIDATION_FAILED"),
                Arguments.of("not an object", "[1,2]", 400, "VALIDATION_FAILED"),
                Arguments.of("invalid email", "{\"name\":\"Ada\",\"email\":\"not-an-email\"}", 400, "VALIDATION_FAILED"),
                Arguments.of("missing name", "{\"email\":\"nameless-" + UUID.randomUUID() + "@example.com\"}", 400, "VALIDATION_FAILED"),
                Arguments.of("name of the wrong type", "{\"name\":42,\"email\":\"typed@example.com\"}", 400, "VALIDATION_FAILED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void shouldAnswerProblemAndWriteNothingWhenBodyIsInvalid(String why, String body, int status, String code) {
        long usersBefore = caravan.count(App.USER, "SELECT count(*) FROM users");
        long eventsBefore = caravan.count(App.USER, "SELECT count(*) FROM outbox");

        Http.Response refused = users.post("/users", body);

        assertProblem(refused, status, code);
        assertThat(refused.json().path("errors").isArray()).as("field errors").isTrue();
        assertThat(caravan.count(App.USER, "SELECT count(*) FROM users")).isEqualTo(usersBefore);
        assertThat(caravan.count(App.USER, "SELECT count(*) FROM outbox")).isEqualTo(eventsBefore);
    }

    @Test
    void shouldAnswerEmailAlreadyExistsAndWriteNothingWhenEmailIsTaken() {
        String email = "grace-" + UUID.randomUUID() + "@example.com";
        assertThat(users.post("/users", "{\"name\":\"Grace\",\"email\":\"" + email + "\"}").status()).isEqualTo(201);
        long usersBefore = caravan.count(App.USER, "SELECT count(*) FROM users");
        long eventsBefore = caravan.count(App.USER, "SELECT count(*) FROM outbox");

        Http.Response duplicate = users.post("/users", "{\"name\":\"Other\",\"email\":\"" + email + "\"}");

        assertProblem(duplicate, 409, "EMAIL_ALREADY_EXISTS");
        assertThat(caravan.count(App.USER, "SELECT count(*) FROM users")).isEqualTo(usersBefore);
        assertThat(caravan.count(App.USER, "SELECT count(*) FROM outbox")).isEqualTo(eventsBefore);
    }

    @Test
    void shouldAnswerUserNotFoundWhenUserDoesNotExist() {
        assertProblem(users.get("/users/" + Long.MAX_VALUE), 404, "USER_NOT_FOUND");
        assertProblem(users.get("/users/abc"), 400, "VALIDATION_FAILED");
    }

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("SQL");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
