package io.caravan.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.common.outbox.Outbox;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.testsupport.RouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class UserRoutesTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new UserRoutes()};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, UserEndpoints.ROUTE_CREATE_USER_TX, a -> {
            a.weaveByToUri("sql:classpath:sql/user/insert-user.sql*").replace().to("mock:insert-user");
            a.weaveByToUri(Outbox.WRITE).replace().to("mock:outbox");
        });
        AdviceWith.adviceWith(context, UserEndpoints.ROUTE_GET_USER, a ->
                a.weaveByToUri("sql:*").replace().to("mock:select-user"));
        AdviceWith.adviceWith(context, UserEndpoints.ROUTE_REQUIRE_USER, a ->
                a.weaveByToUri("sql:*").replace().to("mock:require-user"));
        context.start();
    }

    @Test
    void shouldAnswerCreatedAndWriteUserCreatedWhenEmailIsNew() throws Exception {
        MockEndpoint insert = getMockEndpoint("mock:insert-user");
        insert.whenAnyExchangeReceived(e -> e.getMessage().setBody(row(7, "Ada", "ada@example.com")));
        MockEndpoint outbox = getMockEndpoint("mock:outbox");
        outbox.expectedMessageCount(1);

        Exchange answer = template.request(UserEndpoints.CREATE_USER,
                e -> e.getMessage().setBody("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        assertThat(answer.getMessage().getHeader("Location")).isEqualTo("/users/7");
        assertThat(json(answer).path("email").asText()).isEqualTo("ada@example.com");
        outbox.assertIsSatisfied();
        var events = outbox.getExchanges().get(0).getProperty(Outbox.EVENTS, java.util.List.class);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).toString()).contains("UserCreated").contains("userId=7");
    }

    @Test
    void shouldAnswerEmailAlreadyExistsWhenInsertReturnsNoRow() throws Exception {
        getMockEndpoint("mock:insert-user").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        getMockEndpoint("mock:outbox").expectedMessageCount(0);

        Exchange answer = template.request(UserEndpoints.CREATE_USER,
                e -> e.getMessage().setBody("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(409);
        assertThat(json(answer).path("code").asText()).isEqualTo("EMAIL_ALREADY_EXISTS");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedAndTouchNothingWhenEmailIsInvalid() throws Exception {
        getMockEndpoint("mock:insert-user").expectedMessageCount(0);

        Exchange answer = template.request(UserEndpoints.CREATE_USER,
                e -> e.getMessage().setBody("{\"name\":\"Ada\",\"email\":\"not-an-email\"}"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        JsonNode problem = json(answer);
        assertThat(problem.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("email");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerUserNotFoundWhenNoRow() throws Exception {
        getMockEndpoint("mock:select-user").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));

        Exchange answer = template.request(UserEndpoints.GET_USER, e -> e.getMessage().setHeader("userId", "42"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void shouldAnswerValidationFailedWithoutQueryingWhenIdIsNotANumber() throws Exception {
        getMockEndpoint("mock:select-user").expectedMessageCount(0);

        Exchange answer = template.request(UserEndpoints.GET_USER, e -> e.getMessage().setHeader("userId", "abc"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("userId");
        MockEndpoint.assertIsSatisfied(context);
    }

    private static Map<String, Object> row(long id, String name, String email) {
        return Map.of("id", id, "name", name, "email", email, "created_at", Timestamp.from(Instant.parse("2026-11-23T10:00:00Z")));
    }

    private static JsonNode json(Exchange exchange) throws Exception {
        return JSON.readTree(exchange.getMessage().getBody(String.class));
    }
}
