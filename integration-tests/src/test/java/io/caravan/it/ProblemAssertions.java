package io.caravan.it;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** What every error answer of API.md is: an RFC 9457 problem document with the contract's code and nothing leaked. */
final class ProblemAssertions {

    /** Text that betrays an implementation: a stack trace, a Java or Camel class, SQL or a PostgreSQL message. */
    private static final List<Pattern> LEAKS = List.of(
            Pattern.compile("Exception"), Pattern.compile("\\tat "), Pattern.compile("\\bat (io|org|java)\\."),
            Pattern.compile("\\b(java|javax|jakarta|org\\.apache|org\\.springframework|com\\.fasterxml|io\\.caravan)\\."),
            Pattern.compile("SQL", Pattern.CASE_INSENSITIVE), Pattern.compile("\\b(SELECT|INSERT|UPDATE|DELETE) "),
            Pattern.compile("ERROR:"), Pattern.compile("constraint", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bline \\d+, column \\d+"), Pattern.compile("Source: "));

    private ProblemAssertions() {}

    /** The problem document of {@code response}, after checking its media type, status, code and that nothing leaked. */
    static JsonNode assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("Content-Type").startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.isObject()).isTrue();
        assertThat(problem.path("code").asText()).as("code of %s", response.body()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").isTextual()).as("detail of %s", response.body()).isTrue();
        assertNoLeak(response);
        return problem;
    }

    /** A 400 VALIDATION_FAILED with a non-empty {@code errors[]} of {field, message}. */
    static JsonNode assertValidationProblem(Http.Response response) {
        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        JsonNode errors = problem.path("errors");
        assertThat(errors.isArray()).as("errors[] in %s", response.body()).isTrue();
        assertThat(errors).as("errors[] in %s", response.body()).isNotEmpty();
        for (JsonNode error : errors) {
            assertThat(error.path("field").asText()).as("field of %s", error).isNotBlank();
            assertThat(error.path("message").asText()).as("message of %s", error).isNotBlank();
        }
        return problem;
    }

    /** A failed order's answer: the problem names the order, and the order (read back) failed with the same code. */
    static String assertOrderFailed(Http.Response response, int status, String code) {
        JsonNode problem = assertProblem(response, status, code);
        String orderId = problem.path("orderId").asText();
        assertThat(orderId).as("orderId in %s", response.body()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        return orderId;
    }

    static void assertNoLeak(Http.Response response) {
        String body = response.body() == null ? "" : response.body();
        for (Pattern leak : LEAKS) {
            assertThat(leak.matcher(body).find()).as("%s leaks /%s/", body, leak).isFalse();
        }
    }
}
