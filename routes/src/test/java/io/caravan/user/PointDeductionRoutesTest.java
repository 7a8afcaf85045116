package io.caravan.user;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caravan.common.outbox.Outbox;
import io.caravan.common.outbox.OutboxEvent;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.user.PointRoutesTest.event;
import static io.caravan.user.PointRoutesTest.json;
import static io.caravan.user.PointRoutesTest.status;
import static io.caravan.user.UserEndpoints.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The saga's deduction and refund routes with their SQL mocked. */
class PointDeductionRoutesTest extends RouteTestSupport {

    static final String ORDER = "0b6d9d7e-5a0c-4b8e-9a53-2f9b1f3c7a11";

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new PointDeductionRoutes()};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, ROUTE_DEDUCT_POINTS_TX, a -> {
            a.weaveByToUri("sql:classpath:sql/user/claim-deduction.sql*").replace().to("mock:claim");
            a.weaveByToUri("sql:SELECT user_id, amount, status*").replace().to("mock:select-deduction");
            a.weaveByToUri("sql:classpath:sql/user/deduct-balance.sql*").replace().to("mock:deduct-balance");
            a.weaveByToUri("sql:classpath:sql/user/insert-history.sql*").replace().to("mock:history");
            a.weaveByToUri(Outbox.WRITE).replace().to("mock:outbox");
        });
        AdviceWith.adviceWith(context, ROUTE_REFUND_POINTS_TX, a -> {
            a.weaveByToUri("sql:INSERT INTO point_deduction*").replace().to("mock:tombstone");
            a.weaveByToUri("sql:classpath:sql/user/refund-deduction.sql*").replace().to("mock:refund-transition");
        });
        AdviceWith.adviceWith(context, ROUTE_APPLY_REFUND, a -> {
            a.weaveByToUri("sql:SELECT status, amount*").replace().to("mock:select-refund");
            a.weaveByToUri("sql:UPDATE users*").replace().to("mock:refund-balance");
            a.weaveByToUri("sql:classpath:sql/user/insert-history.sql*").replace().to("mock:refund-history");
            a.weaveByToUri(Outbox.WRITE).replace().to("mock:refund-outbox");
        });
        context.start();
    }

    @Test
    void shouldDeductAndWritePointUsedWhenTheOrderIdIsNew() throws Exception {
        answerWith("mock:claim", Map.of("order_id", ORDER));
        answerWith("mock:deduct-balance", Map.of("user_id", 7L, "balance", 700L));
        getMockEndpoint("mock:select-deduction").expectedMessageCount(0);
        MockEndpoint history = getMockEndpoint("mock:history");
        MockEndpoint outbox = getMockEndpoint("mock:outbox");

        Exchange answer = deduct(body(ORDER, 7, 300));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("balance").asLong()).isEqualTo(700);
        assertThat(json(answer).path("amount").asLong()).isEqualTo(300);
        assertThat(json(answer).path("orderId").asText()).isEqualTo(ORDER);
        MockEndpoint.assertIsSatisfied(context);
        assertThat(history.getExchanges().get(0).getMessage().getBody(PointChange.class))
                .isEqualTo(new PointChange(7, "USE", 300, 700, ORDER));
        OutboxEvent event = event(outbox);
        assertThat(event.eventType()).isEqualTo("PointUsed");
        assertThat(event.event().orderId()).isEqualTo(ORDER);
        assertThat(event.key()).isEqualTo("7");
    }

    @Test
    void shouldAnswerTheFirstResultAndDeductNothingWhenTheSameDeductionRepeats() throws Exception {
        answerWith("mock:claim", null);
        answerWith("mock:select-deduction", Map.of("user_id", 7L, "amount", 300L, "status", "DEDUCTED", "balance_after", 700L));
        getMockEndpoint("mock:deduct-balance").expectedMessageCount(0);
        getMockEndpoint("mock:outbox").expectedMessageCount(0);

        Exchange answer = deduct(body(ORDER.toUpperCase(), 7, 300));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("balance").asLong()).isEqualTo(700);
        assertThat(json(answer).path("orderId").asText()).isEqualTo(ORDER);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerDeductionRefundedWhenTheOrderWasRefundedOrTombstoned() throws Exception {
        getMockEndpoint("mock:deduct-balance").expectedMessageCount(0);
        answerWith("mock:claim", null);
        for (String status : new String[] {"REFUNDED", "TOMBSTONE"}) {
            Map<String, Object> row = new HashMap<>();
            row.put("status", status);
            answerWith("mock:select-deduction", row);

            Exchange answer = deduct(body(ORDER, 7, 300));

            assertThat(status(answer)).as(status).isEqualTo(409);
            assertThat(json(answer).path("code").asText()).isEqualTo("DEDUCTION_REFUNDED");
            assertThat(json(answer).path("orderId").asText()).isEqualTo(ORDER);
        }
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerDeductionConflictWhenTheOrderIdComesWithAnotherUserOrAmount() throws Exception {
        answerWith("mock:claim", null);
        answerWith("mock:select-deduction", Map.of("user_id", 7L, "amount", 300L, "status", "DEDUCTED", "balance_after", 700L));

        assertThat(json(deduct(body(ORDER, 7, 301))).path("code").asText()).isEqualTo("DEDUCTION_CONFLICT");
        assertThat(json(deduct(body(ORDER, 8, 300))).path("code").asText()).isEqualTo("DEDUCTION_CONFLICT");
        assertThat(status(deduct(body(ORDER, 8, 300)))).isEqualTo(409);
    }

    @Test
    void shouldAnswerUserNotFoundWhenTheUpdateFindsNoUser() throws Exception {
        answerWith("mock:claim", Map.of("order_id", ORDER));
        answerWith("mock:deduct-balance", null);
        getMockEndpoint("mock:outbox").expectedMessageCount(0);

        Exchange answer = deduct(body(ORDER, 7, 300));

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("USER_NOT_FOUND");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerInsufficientPointsAndWriteNothingWhenTheBalanceDoesNotCover() throws Exception {
        answerWith("mock:claim", Map.of("order_id", ORDER));
        Map<String, Object> refused = new HashMap<>();
        refused.put("user_id", 7L);
        refused.put("balance", null);
        answerWith("mock:deduct-balance", refused);
        getMockEndpoint("mock:history").expectedMessageCount(0);
        getMockEndpoint("mock:outbox").expectedMessageCount(0);

        Exchange answer = deduct(body(ORDER, 7, 300));

        assertThat(status(answer)).isEqualTo(409);
        assertThat(json(answer).path("code").asText()).isEqualTo("INSUFFICIENT_POINTS");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedAndTouchNothingForBadInput() throws Exception {
        getMockEndpoint("mock:claim").expectedMessageCount(0);
        for (String body : new String[] {body("nope", 7, 300), body(ORDER, 0, 300), body(ORDER, 7, 0),
                "{\"orderId\":\"" + ORDER + "\",\"userId\":7,\"amount\":\"300\"}", "{\"orderId\":\"" + ORDER + "\",\"userId\":7}", "[]"}) {
            Exchange answer = deduct(body);
            assertThat(status(answer)).as(body).isEqualTo(400);
            assertThat(json(answer).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldLeaveATombstoneWhenRefundingAnOrderIdNeverDeducted() throws Exception {
        answerWith("mock:tombstone", Map.of("order_id", ORDER));
        getMockEndpoint("mock:refund-transition").expectedMessageCount(0);
        getMockEndpoint("mock:refund-outbox").expectedMessageCount(0);

        Exchange answer = refund(ORDER);

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("status").asText()).isEqualTo("TOMBSTONE");
        assertThat(json(answer).path("refunded").asLong()).isZero();
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldGiveThePointsBackAndWritePointRefundedWhenTheRefundWinsTheTransition() throws Exception {
        answerWith("mock:tombstone", null);
        answerWith("mock:refund-transition", Map.of("user_id", 7L, "amount", 300L));
        answerWith("mock:refund-balance", Map.of("user_id", 7L, "balance", 1300L));
        getMockEndpoint("mock:select-refund").expectedMessageCount(0);
        MockEndpoint history = getMockEndpoint("mock:refund-history");
        MockEndpoint outbox = getMockEndpoint("mock:refund-outbox");

        Exchange answer = refund(ORDER);

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("status").asText()).isEqualTo("REFUNDED");
        assertThat(json(answer).path("refunded").asLong()).isEqualTo(300);
        MockEndpoint.assertIsSatisfied(context);
        assertThat(history.getExchanges().get(0).getMessage().getBody(PointChange.class))
                .isEqualTo(new PointChange(7, "REFUND", 300, 1300, ORDER));
        assertThat(event(outbox).eventType()).isEqualTo("PointRefunded");
    }

    @Test
    void shouldAnswerTheStateAndRefundNothingWhenTheRefundRepeats() throws Exception {
        answerWith("mock:tombstone", null);
        answerWith("mock:refund-transition", null);
        getMockEndpoint("mock:refund-balance").expectedMessageCount(0);
        getMockEndpoint("mock:refund-outbox").expectedMessageCount(0);

        answerWith("mock:select-refund", Map.of("status", "REFUNDED", "amount", 300L));
        Exchange refunded = refund(ORDER);
        Map<String, Object> tombstone = new HashMap<>();
        tombstone.put("status", "TOMBSTONE");
        tombstone.put("amount", null);
        answerWith("mock:select-refund", tombstone);
        Exchange tombstoned = refund(ORDER);

        assertThat(json(refunded).path("refunded").asLong()).isEqualTo(300);
        assertThat(json(refunded).path("status").asText()).isEqualTo("REFUNDED");
        assertThat(json(tombstoned).path("refunded").asLong()).isZero();
        assertThat(json(tombstoned).path("status").asText()).isEqualTo("TOMBSTONE");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedWithoutTouchingAnythingWhenTheOrderIdIsNotAUuid() throws Exception {
        getMockEndpoint("mock:tombstone").expectedMessageCount(0);

        Exchange answer = refund("123");

        assertThat(status(answer)).isEqualTo(400);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("orderId");
        MockEndpoint.assertIsSatisfied(context);
    }

    private Exchange deduct(String body) {
        return template.request(DEDUCT_POINTS, e -> e.getMessage().setBody(body));
    }

    private Exchange refund(String orderId) {
        return template.request(REFUND_POINTS, e -> e.getMessage().setHeader("orderId", orderId));
    }

    private void answerWith(String mock, Object body) {
        getMockEndpoint(mock).whenAnyExchangeReceived(e -> e.getMessage().setBody(body));
    }

    private static String body(String orderId, long userId, long amount) {
        return UserMother.deduction(orderId, userId, amount);
    }
}
