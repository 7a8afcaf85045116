package io.caravan.order.coupon;

import java.time.Duration;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.order.KnownUsers;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.order.coupon.CouponEndpoints.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Issuance through the real user-app client route, with only its HTTP call mocked. */
class UserClientRoutesTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KnownUsers knownUsers = new KnownUsers(1000, Duration.ofMinutes(30));
    private MockEndpoint userApp;
    private MockEndpoint insert;

    @Override
    protected Properties extraProperties() {
        Properties properties = new Properties();
        properties.put("caravan.user.url", "http://user-app.test");
        return properties;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new CouponIssueRoutes(knownUsers), new UserClientRoutes()};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, ROUTE_ISSUE_COUPON, a ->
                a.weaveByToUri("sql:*").replace().to("mock:select-coupon"));
        AdviceWith.adviceWith(context, ROUTE_ISSUE_COUPON_TX, a -> {
            a.weaveByToUri("sql:classpath:sql/order/coupon/insert-issued-coupon.sql*").replace().to("mock:insert-issued");
            a.weaveByToUri("sql:classpath:sql/order/coupon/take-coupon.sql*").replace().to("mock:take-coupon");
            a.weaveByToUri("sql:classpath:sql/order/coupon/select-coupon-state.sql*").replace().to("mock:coupon-state");
        });
        AdviceWith.adviceWith(context, ROUTE_USER_GET, a ->
                a.weaveByToUri(".*throwExceptionOnFailure=false.*").replace().to("mock:user-app"));
        context.start();
        getMockEndpoint("mock:select-coupon").whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.couponRow(7)));
        getMockEndpoint("mock:take-coupon").whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.takenRow(7)));
        insert = getMockEndpoint("mock:insert-issued");
        insert.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.issuedRow(3, 7, 42)));
        userApp = getMockEndpoint("mock:user-app");
    }

    @Test
    void shouldAskUserAppForTheUserWithTheServiceTokenAndIssueWhenItExists() throws Exception {
        userApp.whenAnyExchangeReceived(e -> answer(e, 200, "{\"id\":42,\"name\":\"Ada\"}"));
        userApp.expectedHeaderReceived(Exchange.HTTP_METHOD, "GET");
        userApp.expectedHeaderReceived(Exchange.HTTP_PATH, "/users/42");
        userApp.expectedHeaderReceived("X-Caravan-Service-Token", "test-token");
        insert.expectedMessageCount(1);

        Exchange answer = issue();

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerUserNotFoundWithoutIssuingWhenUserAppAnswersItsProblem() throws Exception {
        userApp.whenAnyExchangeReceived(e -> answer(e, 404,
                "{\"type\":\"https://caravan.io/problems/user-not-found\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"No user with this id\",\"code\":\"USER_NOT_FOUND\"}"));
        insert.expectedMessageCount(0);

        Exchange answer = issue();

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(JSON.readTree(answer.getMessage().getBody(String.class)).path("code").asText()).isEqualTo("USER_NOT_FOUND");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerServiceUnavailableWithoutIssuingWhenUserAppFails() throws Exception {
        userApp.whenAnyExchangeReceived(e -> answer(e, 500, "{}"));
        insert.expectedMessageCount(0);

        Exchange answer = issue();

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(JSON.readTree(answer.getMessage().getBody(String.class)).path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        MockEndpoint.assertIsSatisfied(context);
    }

    private Exchange issue() {
        return template.request(ISSUE_COUPON, e -> {
            e.getMessage().setHeader("couponId", "7");
            e.getMessage().setBody("{\"userId\":42}");
        });
    }

    private static void answer(Exchange exchange, int status, String body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
    }
}
