package io.caravan.order.coupon;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.order.coupon.CouponEndpoints.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Create, read and list coupons, with camel-sql mocked. */
class CouponRoutesTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new RestErrorPolicy(), new CouponRoutes()};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, ROUTE_CREATE_COUPON, a -> a.weaveByToUri("sql:*").replace().to("mock:insert-coupon"));
        AdviceWith.adviceWith(context, ROUTE_GET_COUPON, a -> a.weaveByToUri("sql:*").replace().to("mock:select-coupon"));
        AdviceWith.adviceWith(context, ROUTE_LIST_USER_COUPONS, a -> a.weaveByToUri("sql:*").replace().to("mock:select-user-coupons"));
        context.start();
    }

    @Test
    void shouldAnswerCreatedWithLocationAndInsertTheDefaultsWhenBodyIsValid() throws Exception {
        MockEndpoint insert = getMockEndpoint("mock:insert-coupon");
        insert.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.couponRow(7)));

        Exchange answer = template.request(CREATE_COUPON, e -> e.getMessage().setBody(
                "{\"name\":\"  Welcome \",\"discountType\":\"FIXED\",\"discountValue\":3000,\"totalQuantity\":100,"
                        + "\"expiresAt\":\"2027-01-01T09:00:00+09:00\"}"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        assertThat(answer.getMessage().getHeader("Location")).isEqualTo("/coupons/7");
        JsonNode coupon = json(answer);
        assertThat(coupon.path("discountType").asText()).isEqualTo("FIXED");
        assertThat(coupon.path("issuedQuantity").asLong()).isZero();
        assertThat(coupon.path("expiresAt").asText()).isEqualTo("2027-01-01T00:00:00Z");
        Map<?, ?> params = insert.getExchanges().get(0).getMessage().getBody(Map.class);
        assertThat(params.get("name")).isEqualTo("Welcome");
        assertThat(params.get("minOrderAmount")).isEqualTo(0L);
        assertThat(((OffsetDateTime) params.get("expiresAt")).toInstant()).isEqualTo(CouponMother.EXPIRES_AT);
    }

    @Test
    void shouldAnswerValidationFailedWithoutInsertingWhenRateIsAbove100() throws Exception {
        getMockEndpoint("mock:insert-coupon").expectedMessageCount(0);

        Exchange answer = template.request(CREATE_COUPON, e -> e.getMessage().setBody(
                "{\"name\":\"Half\",\"discountType\":\"RATE\",\"discountValue\":101,\"totalQuantity\":10}"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("discountValue");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedNamingTheFieldWhenDiscountTypeIsUnknown() throws Exception {
        getMockEndpoint("mock:insert-coupon").expectedMessageCount(0);

        Exchange answer = template.request(CREATE_COUPON, e -> e.getMessage().setBody(
                "{\"name\":\"X\",\"discountType\":\"PERCENT\",\"discountValue\":10,\"totalQuantity\":10}"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(json(answer).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("discountType");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerValidationFailedOnExpiresAtWhenItIsNotAnIsoString() throws Exception {
        getMockEndpoint("mock:insert-coupon").expectedMessageCount(0);

        for (String expiresAt : new String[] {"1893456000", "\"tomorrow\"", "\"2027-01-01T00:00:00\"", "true"}) {
            Exchange answer = template.request(CREATE_COUPON, e -> e.getMessage().setBody(
                    "{\"name\":\"X\",\"discountType\":\"FIXED\",\"discountValue\":10,\"totalQuantity\":10,\"expiresAt\":" + expiresAt + "}"));

            assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as(expiresAt).isEqualTo(400);
            assertThat(json(answer).path("errors").get(0).path("field").asText()).as(expiresAt).isEqualTo("expiresAt");
        }
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldAnswerCouponWhenItExists() throws Exception {
        getMockEndpoint("mock:select-coupon").whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.couponRow(7)));

        Exchange answer = template.request(GET_COUPON, e -> e.getMessage().setHeader("couponId", "7"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(json(answer).path("id").asLong()).isEqualTo(7);
        assertThat(getMockEndpoint("mock:select-coupon").getExchanges().get(0).getProperty(COUPON_ID)).isEqualTo(7L);
    }

    @Test
    void shouldAnswerCouponNotFoundWhenNoRow() throws Exception {
        getMockEndpoint("mock:select-coupon").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));

        Exchange answer = template.request(GET_COUPON, e -> e.getMessage().setHeader("couponId", "7"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(json(answer).path("code").asText()).isEqualTo("COUPON_NOT_FOUND");
    }

    @Test
    void shouldAnswerValidationFailedWithoutQueryingWhenCouponIdIsNotANumber() throws Exception {
        getMockEndpoint("mock:select-coupon").expectedMessageCount(0);

        Exchange answer = template.request(GET_COUPON, e -> e.getMessage().setHeader("couponId", "abc"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(json(answer).path("errors").get(0).path("field").asText()).isEqualTo("couponId");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldListUserCouponsWithOrderIdOnlyWhenUsed() throws Exception {
        UUID orderId = UUID.randomUUID();
        getMockEndpoint("mock:select-user-coupons").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of(
                userCouponRow(2, "USED", orderId), userCouponRow(1, "EXPIRED", null))));

        Exchange answer = template.request(LIST_USER_COUPONS, e -> e.getMessage().setHeader("userId", "42"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        JsonNode items = json(answer).path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("orderId").asText()).isEqualTo(orderId.toString());
        assertThat(items.get(0).path("name").asText()).isEqualTo("Welcome");
        assertThat(items.get(1).has("orderId")).isFalse();
        assertThat(items.get(1).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(getMockEndpoint("mock:select-user-coupons").getExchanges().get(0).getProperty(USER_ID)).isEqualTo(42L);
    }

    @Test
    void shouldAnswerEmptyItemsWhenUserHasNoCoupon() throws Exception {
        getMockEndpoint("mock:select-user-coupons").whenAnyExchangeReceived(e -> e.getMessage().setBody(List.of()));

        Exchange answer = template.request(LIST_USER_COUPONS, e -> e.getMessage().setHeader("userId", "42"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(json(answer).path("items").isArray()).isTrue();
        assertThat(json(answer).path("items")).isEmpty();
    }

    @Test
    void shouldAnswerValidationFailedWithoutQueryingWhenUserIdIsNotANumber() throws Exception {
        getMockEndpoint("mock:select-user-coupons").expectedMessageCount(0);

        Exchange answer = template.request(LIST_USER_COUPONS, e -> e.getMessage().setHeader("userId", "abc"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        MockEndpoint.assertIsSatisfied(context);
    }

    private static Map<String, Object> userCouponRow(long id, String status, UUID orderId) {
        Map<String, Object> row = new java.util.HashMap<>();
        row.put("id", id);
        row.put("coupon_id", 7L);
        row.put("user_id", 42L);
        row.put("status", status);
        row.put("issued_at", Timestamp.from(CouponMother.ISSUED_AT));
        row.put("expires_at", Timestamp.from(CouponMother.EXPIRES_AT));
        row.put("name", "Welcome");
        row.put("discount_type", "FIXED");
        row.put("discount_value", 3000L);
        row.put("order_id", orderId);
        return row;
    }

    private static JsonNode json(Exchange exchange) throws Exception {
        return JSON.readTree(exchange.getMessage().getBody(String.class));
    }
}
