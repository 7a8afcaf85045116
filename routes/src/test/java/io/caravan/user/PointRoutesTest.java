package io.caravan.user;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
import io.caravan.common.outbox.OutboxEvent;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.user.UserEndpoints.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Balance, charge and history routes with their SQL mocked. */
class PointRoutesTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new UserRoutes(), new PointRoutes()};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        // UserRoutes comes along for direct:user-require; its own SQL is not under test here
        AdviceWith.adviceWith(context, ROUTE_CREATE_USER_TX, a -> a.weaveByToUri("sql:*").replace().to("mock:unused-insert"));
        AdviceWith.adviceWith(context, ROUTE_GET_USER, a -> a.weaveByToUri("sql:*").replace().to("mock:unused-select"));
        AdviceWith.adviceWith(context, ROUTE_GET_POINTS, a -> a.weaveByToUri("sql:*").replace().to("mock:select-balance"));
        AdviceWith.adviceWith(context, ROUTE_REQUIRE_USER, a -> a.weaveByToUri("sql:*").replace().to("mock:require-user"));
        AdviceWith.adviceWith(context, ROUTE_GET_POINT_HISTORY, a ->
                a.weaveByToUri("sql:classpath:sql/user/select-history.sql*").replace().to("mock:select-history"));
        AdviceWith.adviceWith(context, ROUTE_CHARGE_POINTS_TX, a -> {
            a.weaveByToUri("sql:classpath:sql/user/claim-charge.sql*").replace().to("mock:claim-charge");
            a.weaveByToUri("sql:SELECT amount, balance_after*").replace().to("mock:select-charge");
            a.weaveByToUri("sql:classpath:sql/user/charge-balance.sql*").replace().to("mock:charge-balance");
            a.weaveByToUri("sql:UPDATE point_charge*").replace().to("mock:store-charge");
            a.weaveByToUri("sql:classpath:sql/user/insert-history.sql*").replace().to("mock:history");
            a.weaveByToUri(Outbox.WRITE).replace().to("mock:outbox");
        });
        context.start();
    }

    @Test
    void shouldAnswerTheBalanceWhenTheUserExists() throws Exception {
        answerWith("mock:select-balance", Map.of("user_id", 7L, "balance", 1200L));

        Exchange answer = template.request(GET_POINTS, e -> e.getMessage().setHeader("userId", "7"));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("balance").asLong()).isEqualTo(1200);
        assertThat(json(answer).path("userId").asLong()).isEqualTo(7);
    }

    @Test
    void shouldAnswerUserNotFoundWhenNoBalanceRow() throws Exception {
        answerWith("mock:select-balance", null);

        Exchange answer = template.request(GET_POINTS, e -> e.getMessage().setHeader("userId", "7"));

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void shouldChargeWithoutClaimingWhenNoRequestId() throws Exception {
        getMockEndpoint("mock:claim-charge").expectedMessageCount(0);
        getMockEndpoint("mock:store-charge").expectedMessageCount(0);
        answerWith("mock:charge-balance", Map.of("user_id", 7L, "balance", 1500L));
        MockEndpoint history = getMockEndpoint("mock:history");
        history.expectedMessageCount(1);
        MockEndpoint outbox = getMockEndpoint("mock:outbox");
        outbox.expectedMessageCount(1);

        Exchange answer = charge("7", "{\"amount\":500}");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("balance").asLong()).isEqualTo(1500);
        MockEndpoint.assertIsSatisfied(context);
        assertThat(history.getExchanges().get(0).getMessage().getBody(PointChange.class))
                .isEqualTo(new PointChange(7, "CHARGE", 500, 1500, null));
        OutboxEvent event = event(outbox);
        assertThat(event.eventType()).isEqualTo("PointCharged");
        assertThat(event.key()).isEqualTo("7");
        assertThat(event.event().requestId()).isNull();
    }

    @Test
    void shouldClaimAndStoreTheResultWhenRequestIdIsNew() throws Exception {
        answerWith("mock:claim-charge", Map.of("request_id", "r1"));
        getMockEndpoint("mock:select-charge").expectedMessageCount(0);
        answerWith("mock:charge-balance", Map.of("user_id", 7L, "balance", 900L));
        getMockEndpoint("mock:store-charge").expectedMessageCount(1);
        MockEndpoint outbox = getMockEndpoint("mock:outbox");

        Exchange answer = charge("7", "{\"amount\":900,\"requestId\":\"r1\"}");

        assertThat(status(answer)).isEqualTo(200);
        MockEndpoint.assertIsSatisfied(context);
        assertThat(event(outbox).event().requestId()).isEqualTo("r1");
    }

    @Test
    void shouldAnswerTheStoredResultAndApplyNothingWhenRequestIdRepeats() throws Exception {
        answerWith("mock:claim-charge", null);
        answerWith("mock:select-charge", Map.of("amount", 900L, "balance_after", 900L));
        getMockEndpoint("mock:charge-balance").expectedMessageCount(0);
        getMockEndpoint("mock:history").expectedMessageCount(0);
        getMockEndpoint("mock:outbox").expectedMessageCount(0);

        Exchange answer = charge("7", "{\"amount\":900,\"requestId\":\"r1\"}");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer).path("balance").asLong()).isEqualTo(900);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerIdempotencyKeyReusedWhenRequestIdRepeatsWithAnotherAmount() throws Exception {
        answerWith("mock:claim-charge", null);
        answerWith("mock:select-charge", Map.of("amount", 900L, "balance_after", 900L));
        getMockEndpoint("mock:charge-balance").expectedMessageCount(0);

        Exchange answer = charge("7", "{\"amount\":901,\"requestId\":\"r1\"}");

        assertThat(status(answer)).isEqualTo(422);
        assertThat(json(answer).path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerUserNotFoundWhenNothingClaimedAndNothingStored() throws Exception {
        answerWith("mock:claim-charge", null);
        answerWith("mock:select-charge", null);

        Exchange answer = charge("7", "{\"amount\":10,\"requestId\":\"r1\"}");

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void shouldAnswerUserNotFoundWhenTheChargeFindsNoUser() throws Exception {
        answerWith("mock:charge-balance", null);
        getMockEndpoint("mock:outbox").expectedMessageCount(0);

        Exchange answer = charge("7", "{\"amount\":10}");

        assertThat(status(answer)).isEqualTo(404);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerBalanceLimitExceededAndWriteNothingWhenTheUpdateIsRefused() throws Exception {
        Map<String, Object> refused = new HashMap<>();
        refused.put("user_id", 7L);
        refused.put("balance", null);
        answerWith("mock:charge-balance", refused);
        getMockEndpoint("mock:history").expectedMessageCount(0);
        getMockEndpoint("mock:outbox").expectedMessageCount(0);

        Exchange answer = charge("7", "{\"amount\":1000000}");

        assertThat(status(answer)).isEqualTo(409);
        assertThat(json(answer).path("code").asText()).isEqualTo("BALANCE_LIMIT_EXCEEDED");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedAndTouchNothingWhenTheAmountIsNotAWholeNumberInRange() throws Exception {
        getMockEndpoint("mock:charge-balance").expectedMessageCount(0);
        getMockEndpoint("mock:claim-charge").expectedMessageCount(0);

        for (String body : new String[] {"{\"amount\":\"10\"}", "{\"amount\":1.5}", "{\"amount\":0}", "{\"amount\":1000001}", "{}", "{"}) {
            Exchange answer = charge("7", body);
            assertThat(status(answer)).as(body).isEqualTo(400);
            assertThat(json(answer).path("code").asText()).as(body).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(status(charge("x", "{\"amount\":10}"))).isEqualTo(400);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldListHistoryNewestFirstWhenTheUserExists() throws Exception {
        answerWith("mock:require-user", Map.of("id", 7L));
        MockEndpoint select = getMockEndpoint("mock:select-history");
        Timestamp at = Timestamp.from(Instant.parse("2026-11-23T10:00:00Z"));
        Map<String, Object> use = new HashMap<>(Map.of("id", 2L, "type", "USE", "amount", 300L, "balance_after", 700L,
                "order_id", "6f1c1b1e-0000-4000-8000-000000000001", "created_at", at));
        Map<String, Object> charge = new HashMap<>(Map.of("id", 1L, "type", "CHARGE", "amount", 1000L, "balance_after", 1000L, "created_at", at));
        charge.put("order_id", null);
        select.whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(use, charge)));

        Exchange answer = template.request(GET_POINT_HISTORY, e -> {
            e.getMessage().setHeader("userId", "7");
            e.getMessage().setHeader("limit", "2");
        });

        assertThat(status(answer)).isEqualTo(200);
        JsonNode items = json(answer).path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("balanceAfter").asLong()).isEqualTo(700);
        assertThat(items.get(0).path("orderId").asText()).isEqualTo("6f1c1b1e-0000-4000-8000-000000000001");
        assertThat(items.get(1).has("orderId")).isFalse();
        assertThat(items.get(1).path("createdAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(select.getExchanges().get(0).getMessage().getHeader("limit")).isEqualTo(2);
    }

    @Test
    void shouldAnswerUserNotFoundForHistoryWithoutListingWhenTheUserIsUnknown() throws Exception {
        answerWith("mock:require-user", null);
        getMockEndpoint("mock:select-history").expectedMessageCount(0);

        Exchange answer = template.request(GET_POINT_HISTORY, e -> e.getMessage().setHeader("userId", "7"));

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("USER_NOT_FOUND");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedWhenTheLimitIsOutOfRange() throws Exception {
        getMockEndpoint("mock:require-user").expectedMessageCount(0);

        for (String limit : new String[] {"0", "101", "ten"}) {
            Exchange answer = template.request(GET_POINT_HISTORY, e -> {
                e.getMessage().setHeader("userId", "7");
                e.getMessage().setHeader("limit", limit);
            });
            assertThat(status(answer)).as(limit).isEqualTo(400);
        }
        MockEndpoint.assertIsSatisfied(context);
    }

    private Exchange charge(String userId, String body) {
        return template.request(CHARGE_POINTS, e -> {
            e.getMessage().setHeader("userId", userId);
            e.getMessage().setBody(body);
        });
    }

    private void answerWith(String mock, Object body) {
        getMockEndpoint(mock).whenAnyExchangeReceived(e -> e.getMessage().setBody(body));
    }

    @SuppressWarnings("unchecked")
    static OutboxEvent event(MockEndpoint outbox) {
        List<OutboxEvent> events = outbox.getExchanges().get(0).getProperty(Outbox.EVENTS, List.class);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    static int status(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    static JsonNode json(Exchange exchange) throws Exception {
        return JSON.readTree(exchange.getMessage().getBody(String.class));
    }
}
