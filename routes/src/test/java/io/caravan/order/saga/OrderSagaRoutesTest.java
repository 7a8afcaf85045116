package io.caravan.order.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.common.outbox.Outbox;
import io.caravan.common.outbox.OutboxEvent;
import io.caravan.common.problem.ProblemException;
import io.caravan.common.rest.CaravanJson;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.common.saga.JdbcSagaService;
import io.caravan.common.saga.SagaProperties;
import io.caravan.order.KnownUsers;
import io.caravan.order.Order;
import io.caravan.order.OrderPlaceRoutes;
import io.caravan.testsupport.RouteTestSupport;
import io.caravan.testsupport.TestPostgres;

import static io.caravan.order.OrderEndpoints.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order saga route by route, one test per path: every participant is a mock, every SQL statement a mock
 * backed by a tiny fake of the order_step table, and the real JdbcSagaService coordinates (its saga log on a
 * throw-away PostgreSQL database). Each test
 * asserts exactly which compensations reached a participant, in which order, and that they all ran BEFORE the
 * answer (the list is read the moment the answer arrives, without waiting).
 */
class OrderSagaRoutesTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Compensations that reached a participant, in the order they did. */
    private final List<String> undone = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final FakeSteps steps = new FakeSteps();
    private final KnownUsers knownUsers = new KnownUsers(1000, Duration.ofMinutes(30));

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withMockEndpointsAndSkip("sql:*");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // the saga log on a throw-away database (only db/common: the order SQL itself is mocked)
        DriverManagerDataSource sagaLog = new DriverManagerDataSource(TestPostgres.newDatabase("order_saga_routes"), "postgres", "");
        Flyway.configure().dataSource(sagaLog).locations("classpath:db/common").load().migrate();
        SagaProperties settings = new SagaProperties();
        settings.setMaxAttempts(2);
        settings.setRetryDelayMs(10);
        settings.setRecoveryPeriodMs(600_000); // no background recovery during a test
        context.addService(new JdbcSagaService(sagaLog, settings, null, null), true, true);
        context.getRegistry().bind("dataSource", sagaLog);
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new OrderPlaceRoutes(), new OrderSagaRoutes(knownUsers),
            new OrderLifecycleRoutes(), new StockStepRoutes(), new PointsStepRoutes(), new CouponStepRoutes(), new PaymentStepRoutes(),
            participants()};
    }

    /** The client routes and the order read, replaced by mocks; compensations are noted as they reach a participant. */
    private RouteBuilder participants() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // like InternalCall's client routes, the stubs leave failures to the caller
                errorHandler(noErrorHandler());
                from(CATALOG_RESERVE).to("mock:catalog-reserve");
                from(CATALOG_RELEASE).process(e -> undone.add("release-stock")).to("mock:catalog-release");
                from(CATALOG_CONFIRM).to("mock:catalog-confirm");
                from(USER_CHECK).to("mock:user-check");
                from(USER_DEDUCT).to("mock:user-deduct");
                from(USER_REFUND).process(e -> undone.add("refund-points")).to("mock:user-refund");
                from(GATEWAY_CHARGE).to("mock:gateway-charge");
                from(GATEWAY_VOID).process(e -> undone.add("void-payment")).to("mock:gateway-void");
                from(Outbox.WRITE).process(OrderSagaRoutesTest.this::noteEvents);
                from(READ_ORDER).process(OrderSagaRoutesTest::orderFromDraft);
            }
        };
    }

    @BeforeEach
    void start() throws Exception {
        context.start();
        mock("mock:catalog-reserve").whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("orderId", "x",
                "status", "RESERVED", "totalAmount", OrderRequestMother.TOTAL,
                "items", List.of(Map.of("productId", 10, "quantity", 2, "unitPrice", 5000, "lineAmount", 10000)))));
        mock("mock:user-deduct").whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("balance", 0)));
        mock("mock:user-check").whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("id", 1)));
        mock("mock:gateway-charge").whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("paymentId", "pay-1", "status", "CAPTURED")));
        sql("insert-order").whenAnyExchangeReceived(e -> {
            e.getMessage().setBody(Map.of("id", "created"));
            noteStatementEvents(e);
        });
        sql("use-coupon").whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("coupon_id", 3, "discount_type", "FIXED",
                "discount_value", OrderRequestMother.FIXED_DISCOUNT)));
        sql("coupon-state").whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("owned", true, "status", "USED")));
        sql("complete-order").whenAnyExchangeReceived(e -> {
            steps.complete(e);
            if (e.getMessage().getBody() != null) {
                noteStatementEvents(e);
            }
        });
        sql("step-undoing").whenAnyExchangeReceived(steps::undoing);
        sql("record-refused-step").whenAnyExchangeReceived(steps::refuse);
        sql("claim-undo").whenAnyExchangeReceived(steps::claim);
        sql("mark-undone").whenAnyExchangeReceived(steps::undone);
        sql("mark-failed").whenAnyExchangeReceived(steps::markFailed);
        sql("restore-coupon").whenAnyExchangeReceived(e -> undone.add("restore-coupon"));
    }

    @Test
    void shouldRefuseUnknownUserBeforeReservingWhenNoPointsAreUsed() throws Exception {
        refuse("mock:user-check", ProblemException.notFound("USER_NOT_FOUND", "No user with this id"));

        Exchange answer = place(OrderRequestMother.withPoints(0));

        assertProblem(answer, 404, "USER_NOT_FOUND");
        assertThat(undone).isEmpty();
        assertNotCalled("mock:catalog-reserve", "mock:user-deduct", "mock:gateway-charge", "mock:catalog-confirm");
    }

    @Test
    void shouldNotAskForTheUserWhenPointsAreDeducted() throws Exception {
        place(OrderRequestMother.fullOrder());

        assertNotCalled("mock:user-check");
    }

    @Test
    void shouldNotAskAgainForAUserThatUserAppConfirmed() throws Exception {
        Exchange first = place(OrderRequestMother.withPoints(0));
        Exchange second = place(OrderRequestMother.withPoints(0));

        assertThat(first.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        assertThat(second.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        assertThat(mock("mock:user-check").getReceivedCounter()).isOne();
        assertThat(mock("mock:catalog-reserve").getReceivedCounter()).isEqualTo(2);
    }

    @Test
    void shouldNotAskForAUserWhosePointsWereDeducted() throws Exception {
        place(OrderRequestMother.fullOrder());
        Exchange withoutPoints = place(OrderRequestMother.withPoints(0));

        assertThat(withoutPoints.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        assertNotCalled("mock:user-check");
    }

    @Test
    void shouldAskAgainEveryTimeForAUserThatUserAppDidNotFind() throws Exception {
        refuse("mock:user-check", ProblemException.notFound("USER_NOT_FOUND", "No user with this id"));

        assertProblem(place(OrderRequestMother.withPoints(0)), 404, "USER_NOT_FOUND");
        assertProblem(place(OrderRequestMother.withPoints(0)), 404, "USER_NOT_FOUND");

        assertThat(mock("mock:user-check").getReceivedCounter()).isEqualTo(2);
        assertNotCalled("mock:catalog-reserve");
    }

    @Test
    void shouldCompensateNothingWhenStockIsShort() throws Exception {
        refuse("mock:catalog-reserve", ProblemException.conflict("INSUFFICIENT_STOCK", "Not enough stock for product 10"));

        Exchange answer = place(OrderRequestMother.fullOrder());

        assertProblem(answer, 409, "INSUFFICIENT_STOCK");
        assertThat(undone).isEmpty();
        assertNotCalled("mock:user-deduct", "mock:gateway-charge", "mock:catalog-confirm");
        assertThat(sql("use-coupon").getReceivedCounter()).isZero();
        assertThat(events).containsExactly("OrderCreated", "OrderFailed");
    }

    @Test
    void shouldReleaseStockWhenPointsAreShort() throws Exception {
        refuse("mock:user-deduct", ProblemException.conflict("INSUFFICIENT_POINTS", "Balance 100 is below 3000"));

        Exchange answer = place(OrderRequestMother.fullOrder());

        assertProblem(answer, 409, "INSUFFICIENT_POINTS");
        assertThat(undone).containsExactly("release-stock");
        assertNotCalled("mock:gateway-charge", "mock:catalog-confirm");
        assertThat(events).containsExactly("OrderCreated", "OrderFailed");
    }

    @Test
    void shouldReleaseStockWithoutDeductingWhenPointsExceedTheTotal() throws Exception {
        Exchange answer = place(OrderRequestMother.withPoints(OrderRequestMother.TOTAL + 1));

        assertProblem(answer, 409, "POINTS_EXCEED_TOTAL");
        assertThat(undone).containsExactly("release-stock");
        assertNotCalled("mock:user-deduct", "mock:gateway-charge");
    }

    @Test
    void shouldRefundPointsAndReleaseStockWhenRequiredCouponDoesNotApply() throws Exception {
        sql("use-coupon").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));

        Exchange answer = place(OrderRequestMother.order("REQUIRED", "tok_visa"));

        JsonNode problem = assertProblem(answer, 409, "COUPON_NOT_APPLICABLE");
        assertThat(problem.path("reason").asText()).isEqualTo("COUPON_ALREADY_USED");
        assertThat(undone).containsExactly("refund-points", "release-stock");
        assertNotCalled("mock:gateway-charge", "mock:catalog-confirm");
    }

    @Test
    void shouldCompleteWithoutTheCouponAndUndoNothingWhenOptionalCouponDoesNotApply() throws Exception {
        sql("use-coupon").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        mock("mock:catalog-confirm").expectedMessageCount(1);

        Exchange answer = place(OrderRequestMother.order("OPTIONAL", "tok_visa"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        JsonNode order = json(answer);
        assertThat(order.path("coupon").path("applied").asBoolean()).isFalse();
        assertThat(order.path("coupon").path("skippedReason").asText()).isEqualTo("COUPON_ALREADY_USED");
        assertThat(order.path("discountAmount").asLong()).isZero();
        assertThat(order.path("paidAmount").asLong()).isEqualTo(OrderRequestMother.TOTAL - OrderRequestMother.POINTS);
        assertThat(mock("mock:gateway-charge").getReceivedExchanges().get(0).getMessage().getBody(Map.class).get("amount"))
                .isEqualTo(OrderRequestMother.TOTAL - OrderRequestMother.POINTS);
        assertThat(undone).isEmpty();
        assertThat(events).containsExactly("OrderCreated", "PaymentCompleted", "OrderCompleted");
        mock("mock:catalog-confirm").assertIsSatisfied();
        assertThat(sql("mark-failed").getReceivedCounter()).isZero();
    }

    @Test
    void shouldRestoreCouponRefundPointsAndReleaseStockWhenCardIsDeclined() throws Exception {
        refuse("mock:gateway-charge", new ProblemException(402, "PAYMENT_DECLINED", "declined"));

        Exchange answer = place(OrderRequestMother.order("REQUIRED", "tok_declined"));

        assertProblem(answer, 409, "PAYMENT_DECLINED");
        assertThat(undone).containsExactly("restore-coupon", "refund-points", "release-stock");
        assertNotCalled("mock:gateway-void", "mock:catalog-confirm");
        assertThat(events).containsExactly("OrderCreated", "OrderFailed");
    }

    @Test
    void shouldVoidThePaymentAndUndoEveryStepWhenCardTimesOut() throws Exception {
        refuse("mock:gateway-charge", ProblemException.unavailable("A service this request depends on is unavailable"));

        Exchange answer = place(OrderRequestMother.order("REQUIRED", "tok_timeout"));

        assertProblem(answer, 503, "SERVICE_UNAVAILABLE");
        assertThat(undone).containsExactly("void-payment", "restore-coupon", "refund-points", "release-stock");
        assertNotCalled("mock:catalog-confirm");
    }

    @Test
    void shouldUndoEveryStepAndChargeNothingWhenNoPaymentIsGiven() throws Exception {
        Exchange answer = place(OrderRequestMother.withoutPayment());

        assertProblem(answer, 409, "PAYMENT_METHOD_REQUIRED");
        assertThat(undone).containsExactly("restore-coupon", "refund-points", "release-stock");
        assertNotCalled("mock:gateway-charge");
    }

    @Test
    void shouldCompleteConfirmTheReservationAndUndoNothingWhenEveryStepSucceeds() throws Exception {
        mock("mock:catalog-confirm").expectedMessageCount(1);

        Exchange answer = place(OrderRequestMother.fullOrder());

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        JsonNode order = json(answer);
        assertThat(answer.getMessage().getHeader("Location")).isEqualTo("/orders/" + order.path("orderId").asText());
        assertThat(order.path("totalAmount").asLong()).isEqualTo(OrderRequestMother.TOTAL);
        assertThat(order.path("pointsUsed").asLong()).isEqualTo(OrderRequestMother.POINTS);
        assertThat(order.path("discountAmount").asLong()).isEqualTo(OrderRequestMother.FIXED_DISCOUNT);
        assertThat(order.path("paidAmount").asLong()).isEqualTo(6_000);
        assertThat(undone).isEmpty();
        assertThat(events).containsExactly("OrderCreated", "CouponUsed", "PaymentCompleted", "OrderCompleted");
        mock("mock:catalog-confirm").assertIsSatisfied();
        assertThat(mock("mock:catalog-confirm").getReceivedExchanges().get(0).getProperty("orderId"))
                .isEqualTo(order.path("orderId").asText());
        assertThat(sql("mark-failed").getReceivedCounter()).isZero();
        // the payment is the last step: its completion completes and prices the order, once
        assertThat(sql("complete-order").getReceivedCounter()).isOne();
        assertThat(sql("price-order-items").getReceivedCounter()).isZero();
    }

    @Test
    void shouldCompleteWithoutChargingWhenPointsAndCouponLeaveNothingToPay() throws Exception {
        mock("mock:catalog-confirm").expectedMessageCount(1);

        Exchange answer = place(OrderRequestMother.withPoints(OrderRequestMother.TOTAL - OrderRequestMother.FIXED_DISCOUNT));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as(answer.getMessage().getBody(String.class))
                .isEqualTo(201);
        assertThat(json(answer).path("paidAmount").asLong()).isZero();
        assertNotCalled("mock:gateway-charge");
        assertThat(undone).isEmpty();
        assertThat(events).containsExactly("OrderCreated", "CouponUsed", "OrderCompleted");
        mock("mock:catalog-confirm").assertIsSatisfied();
        assertThat(sql("complete-order").getReceivedCounter()).isOne();
    }

    @Test
    void shouldAnswerAndLeaveTheOrderCompensatingWhenTheCatalogCannotBeReachedToRelease() throws Exception {
        refuse("mock:user-deduct", ProblemException.conflict("INSUFFICIENT_POINTS", "short"));
        refuse("mock:catalog-release", ProblemException.unavailable("catalog down"));

        Exchange answer = place(OrderRequestMother.fullOrder());

        assertProblem(answer, 409, "INSUFFICIENT_POINTS");
        assertThat(undone).containsExactly("release-stock", "release-stock");
        assertThat(steps.failed).isEmpty();
        assertThat(events).containsExactly("OrderCreated");
    }

    @Test
    void shouldAnswerValidationFailedAndStartNothingWhenAProductRepeats() throws Exception {
        Exchange answer = place("{\"userId\":1,\"items\":[{\"productId\":10,\"quantity\":1},{\"productId\":10,\"quantity\":2}]}");

        assertProblem(answer, 400, "VALIDATION_FAILED");
        assertThat(sql("insert-order").getReceivedCounter()).isZero();
        assertNotCalled("mock:catalog-reserve");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private Exchange place(String body) {
        return template.request(PLACE_ORDER, e -> e.getMessage().setBody(body));
    }

    private JsonNode assertProblem(Exchange answer, int status, String code) throws Exception {
        JsonNode problem = json(answer);
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as(problem.toString()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        if (status != 400) {
            assertThat(problem.path("orderId").asText()).isNotBlank();
        }
        return problem;
    }

    private void refuse(String mock, ProblemException problem) {
        mock(mock).whenAnyExchangeReceived(e -> {
            throw problem;
        });
    }

    private void assertNotCalled(String... mocks) {
        for (String name : mocks) {
            assertThat(mock(name).getReceivedCounter()).as(name).isZero();
        }
    }

    private MockEndpoint mock(String name) {
        return getMockEndpoint(name);
    }

    /** The mock that stands in for {@code sql:classpath:sql/order/<name>.sql}. */
    private MockEndpoint sql(String name) {
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof MockEndpoint mock && endpoint.getEndpointUri().contains("sql/order/" + name + ".sql")) {
                return mock;
            }
        }
        throw new IllegalStateException("No mocked SQL statement " + name);
    }

    @SuppressWarnings("unchecked")
    private void noteEvents(Exchange exchange) {
        for (OutboxEvent event : (List<OutboxEvent>) exchange.getProperty(Outbox.EVENTS, List.class)) {
            events.add(event.eventType());
        }
        exchange.removeProperty(Outbox.EVENTS);
    }

    /** The events a statement that writes its own (Outbox.prepareRows) would insert. */
    private void noteStatementEvents(Exchange statement) throws Exception {
        CaravanJson.MAPPER.readTree(statement.getProperty(Outbox.ROWS, String.class))
                .forEach(row -> events.add(row.path("eventType").asText()));
    }

    private static void orderFromDraft(Exchange exchange) {
        OrderDraft draft = OrderDraft.of(exchange);
        Order.Coupon coupon = draft.getIssuedCouponId() == null ? null
                : new Order.Coupon(draft.getIssuedCouponId(), draft.isCouponApplied(), draft.getCouponSkippedReason());
        exchange.getMessage().setBody(new Order(draft.getOrderId(), "COMPLETED", draft.getUserId(), List.of(),
                draft.getTotalAmount(), draft.getPointsUsed(), draft.getDiscountAmount(), draft.getAmountToPay(), coupon,
                draft.getRequestId(), Instant.now(), Instant.now(), null));
    }

    private static JsonNode json(Exchange exchange) throws Exception {
        return JSON.readTree(exchange.getMessage().getBody(String.class));
    }

    /** The order_step table as the SQL statements would see it, for one order at a time. */
    static final class FakeSteps {
        final Map<String, String> state = new ConcurrentHashMap<>();
        final Set<String> failed = ConcurrentHashMap.newKeySet();
        final Set<String> completed = ConcurrentHashMap.newKeySet();

        void refuse(Exchange exchange) {
            state.put(exchange.getProperty(OrderSagaRoutes.FAILURE, OrderSagaRoutes.OrderFailure.class).refusedStep(), "REFUSED");
        }

        void claim(Exchange exchange) {
            String step = exchange.getProperty(SagaSteps.STEP, String.class);
            String now = state.get(step);
            boolean claimed = now == null || now.equals("UNDOING");
            if (claimed) {
                state.put(step, "UNDOING");
            }
            exchange.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT, claimed ? 1 : 0);
        }

        void undone(Exchange exchange) {
            state.put(exchange.getProperty(SagaSteps.STEP, String.class), "UNDONE");
        }

        /** complete-order.sql: a row the first time only (the order is PENDING no more after that). */
        void complete(Exchange exchange) {
            boolean first = completed.add(OrderOutcome.of(exchange).getOrderId());
            exchange.getMessage().setBody(first ? Map.of("id", "completed") : null);
        }

        void undoing(Exchange exchange) {
            exchange.getMessage().setBody(new ArrayList<>(state.values()).contains("UNDOING") ? Map.of("step", "STOCK") : null);
        }

        void markFailed(Exchange exchange) {
            boolean pending = new ArrayList<>(state.values()).contains("UNDOING");
            String orderId = exchange.getProperty(SagaSteps.ORDER_ID, String.class);
            if (!pending) {
                failed.add(orderId);
            }
            exchange.getMessage().setBody(pending ? null : Map.of("id", orderId, "user_id", 1L));
        }
    }
}
