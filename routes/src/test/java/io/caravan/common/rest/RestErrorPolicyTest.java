package io.caravan.common.rest;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.problem.Problems;
import io.caravan.testsupport.RouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST error policy turns every failure of a route that opts in into an RFC 9457 problem document. */
class RestErrorPolicyTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:refuse").routeId("test-refuse").routeConfigurationId(RestErrorPolicy.ID)
                        .process(e -> {
                            throw ProblemException.conflict("INSUFFICIENT_STOCK", "Not enough stock for product 10")
                                    .with("orderId", "7f1c");
                        });
                from("direct:refuse-deeper").routeId("test-refuse-deeper").routeConfigurationId(RestErrorPolicy.ID)
                        .process(e -> {
                            throw new IllegalStateException("wrapper", ProblemException.notFound("USER_NOT_FOUND", "No user with this id"));
                        });
                from("direct:invalid").routeId("test-invalid").routeConfigurationId(RestErrorPolicy.ID)
                        .process(e -> RequestReader.body(e, Amount.class));
                from("direct:crash").routeId("test-crash").routeConfigurationId(RestErrorPolicy.ID)
                        .process(e -> {
                            throw new IllegalStateException("ERROR: relation \"users\" does not exist; SELECT secret FROM users");
                        });
            }
        }};
    }

    record Amount(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Min(1) Long amount) {}

    @BeforeEach
    void startContext() {
        context.start();
    }

    @Test
    void shouldAnswerItsDocumentWhenRouteThrowsProblemException() throws Exception {
        Exchange answer = template.request("direct:refuse", e -> {});

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(409);
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo(Problems.CONTENT_TYPE);
        JsonNode problem = json(answer);
        assertThat(problem.path("type").asText()).isEqualTo("https://caravan.io/problems/insufficient-stock");
        assertThat(problem.path("title").asText()).isEqualTo("Conflict");
        assertThat(problem.path("status").asInt()).isEqualTo(409);
        assertThat(problem.path("detail").asText()).isEqualTo("Not enough stock for product 10");
        assertThat(problem.path("code").asText()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(problem.path("orderId").asText()).isEqualTo("7f1c");
    }

    @Test
    void shouldAnswerTheProblemWhenItIsTheCauseOfAnotherException() throws Exception {
        Exchange answer = template.request("direct:refuse-deeper", e -> {});

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void shouldAnswerFieldErrorsWhenRequestIsInvalid() throws Exception {
        Exchange answer = template.request("direct:invalid", e -> e.getMessage().setBody("{\"amount\":\"1000\"}"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        JsonNode problem = json(answer);
        assertThat(problem.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("amount");
        assertThat(problem.path("errors").get(0).path("message").asText()).isNotBlank();
    }

    @Test
    void shouldAnswerInternalErrorWithoutTheMessageWhenFailureIsUnexpected() throws Exception {
        Exchange answer = template.request("direct:crash", e -> {});

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo(Problems.CONTENT_TYPE);
        JsonNode problem = json(answer);
        assertThat(problem.path("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(fieldNames(problem)).containsExactly("type", "title", "status", "detail", "code");
        assertThat(answer.getMessage().getBody(String.class))
                .doesNotContain("SELECT").doesNotContain("users").doesNotContain("IllegalStateException").doesNotContain("\tat ");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(Exchange exchange) throws Exception {
        return JSON.readTree(exchange.getMessage().getBody(String.class));
    }
}
