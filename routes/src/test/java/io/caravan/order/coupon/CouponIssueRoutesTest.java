package io.caravan.order.coupon;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.order.KnownUsers;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.order.coupon.CouponEndpoints.*;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /coupons/{couponId}/issue with camel-sql and the user-app client mocked. */
class CouponIssueRoutesTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MockEndpoint selectCoupon;
    private final KnownUsers knownUsers = new KnownUsers(1000, Duration.ofMinutes(30));
    private MockEndpoint userApp;
    private MockEndpoint insert;
    private MockEndpoint take;
    private MockEndpoint state;

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new CouponIssueRoutes(knownUsers)};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, ROUTE_ISSUE_COUPON, a -> {
            a.weaveByToUri("sql:classpath:sql/order/coupon/select-coupon.sql*").replace().to("mock:select-coupon");
            a.weaveByToUri(USER_GET).replace().to("mock:user-app");
        });
        AdviceWith.adviceWith(context, ROUTE_ISSUE_COUPON_TX, a -> {
            a.weaveByToUri("sql:classpath:sql/order/coupon/insert-issued-coupon.sql*").replace().to("mock:insert-issued");
            a.weaveByToUri("sql:classpath:sql/order/coupon/take-coupon.sql*").replace().to("mock:take-coupon");
            a.weaveByToUri("sql:classpath:sql/order/coupon/select-coupon-state.sql*").replace().to("mock:coupon-state");
        });
        context.start();
        selectCoupon = getMockEndpoint("mock:select-coupon");
        userApp = getMockEndpoint("mock:user-app");
        insert = getMockEndpoint("mock:insert-issued");
        take = getMockEndpoint("mock:take-coupon");
        state = getMockEndpoint("mock:coupon-state");
        selectCoupon.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.couponRow(7)));
        userApp.whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("id", 42)));
        insert.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.issuedRow(3, 7, 42)));
        take.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.takenRow(7)));
    }

    @Test
    void shouldAnswerCreatedIssuedCouponWhenUserExistsAndStockIsLeft() throws Exception {
        userApp.expectedPropertyReceived(USER_ID, 42L);
        insert.expectedPropertyReceived(COUPON_ID, 7L);
        take.expectedMessageCount(1);
        state.expectedMessageCount(0);

        Exchange answer = issue("7", "{\"userId\":42}");

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        JsonNode issued = json(answer);
        assertThat(issued.path("id").asLong()).isEqualTo(3);
        assertThat(issued.path("couponId").asLong()).isEqualTo(7);
        assertThat(issued.path("userId").asLong()).isEqualTo(42);
        assertThat(issued.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(issued.path("issuedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(issued.path("expiresAt").asText()).isEqualTo("2027-01-01T00:00:00Z");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerCouponNotFoundWithoutAskingUserAppWhenCouponIsUnknown() throws Exception {
        selectCoupon.whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        userApp.expectedMessageCount(0);
        insert.expectedMessageCount(0);

        Exchange answer = issue("7", "{\"userId\":42}");

        assertProblem(answer, 404, "COUPON_NOT_FOUND");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerUserNotFoundWithoutIssuingWhenUserAppAnswers404() throws Exception {
        userApp.whenAnyExchangeReceived(e -> {
            throw ProblemException.notFound("USER_NOT_FOUND", "No user with this id");
        });
        insert.expectedMessageCount(0);

        Exchange answer = issue("7", "{\"userId\":42}");

        assertProblem(answer, 404, "USER_NOT_FOUND");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldNotAskUserAppAgainForAUserItConfirmed() throws Exception {
        userApp.expectedMessageCount(1);
        insert.expectedMessageCount(2);

        issue("7", "{\"userId\":42}");
        Exchange second = issue("8", "{\"userId\":42}");

        assertThat(second.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAskUserAppAgainForAUserItDidNotFind() throws Exception {
        userApp.whenAnyExchangeReceived(e -> {
            throw ProblemException.notFound("USER_NOT_FOUND", "No user with this id");
        });
        userApp.expectedMessageCount(2);
        insert.expectedMessageCount(0);

        assertProblem(issue("7", "{\"userId\":42}"), 404, "USER_NOT_FOUND");
        assertProblem(issue("8", "{\"userId\":42}"), 404, "USER_NOT_FOUND");

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerServiceUnavailableWithoutIssuingWhenUserAppIsDown() throws Exception {
        userApp.whenAnyExchangeReceived(e -> {
            throw ProblemException.unavailable("user-app did not answer");
        });
        insert.expectedMessageCount(0);

        Exchange answer = issue("7", "{\"userId\":42}");

        assertProblem(answer, 503, "SERVICE_UNAVAILABLE");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerAlreadyIssuedWithoutTakingStockWhenInsertAddsNoRow() throws Exception {
        insert.whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        state.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.stateRow(false, 1, 100)));
        take.expectedMessageCount(0);

        Exchange answer = issue("7", "{\"userId\":42}");

        assertProblem(answer, 409, "COUPON_ALREADY_ISSUED");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerCouponNotFoundWhenInsertAddsNoRowAndCouponIsGone() throws Exception {
        insert.whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        state.whenAnyExchangeReceived(e -> e.getMessage().setBody(null));

        assertProblem(issue("7", "{\"userId\":42}"), 404, "COUPON_NOT_FOUND");
    }

    @Test
    void shouldAnswerSoldOutWhenTakeMatchesNoRowAndCouponIsNotExpired() throws Exception {
        take.whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        state.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.stateRow(false, 100, 100)));

        assertProblem(issue("7", "{\"userId\":42}"), 409, "COUPON_SOLD_OUT");
    }

    @Test
    void shouldAnswerExpiredWhenTakeMatchesNoRowAndCouponHasExpired() throws Exception {
        take.whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        state.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.stateRow(true, 3, 100)));

        assertProblem(issue("7", "{\"userId\":42}"), 409, "COUPON_EXPIRED");
    }

    @Test
    void shouldAnswerValidationFailedAndTouchNothingWhenInputIsBad() throws Exception {
        selectCoupon.expectedMessageCount(0);
        userApp.expectedMessageCount(0);
        insert.expectedMessageCount(0);

        for (String[] input : new String[][] {
                {"abc", "{\"userId\":42}"}, {"0", "{\"userId\":42}"}, {"7", "{\"userId\":\"42\"}"},
                {"7", "{\"userId\":4.2}"}, {"7", "{\"userId\":0}"}, {"7", "{}"}, {"7", "{\"userId\":"}}) {
            Exchange answer = issue(input[0], input[1]);
            assertProblem(answer, 400, "VALIDATION_FAILED");
        }
        MockEndpoint.assertIsSatisfied(context);
    }

    private Exchange issue(String couponId, String body) {
        return template.request(ISSUE_COUPON, e -> {
            e.getMessage().setHeader("couponId", couponId);
            e.getMessage().setBody(body);
        });
    }

    private static void assertProblem(Exchange answer, int status, String code) throws Exception {
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(status);
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(json(answer).path("code").asText()).isEqualTo(code);
    }

    private static JsonNode json(Exchange exchange) throws Exception {
        return JSON.readTree(exchange.getMessage().getBody(String.class));
    }
}
