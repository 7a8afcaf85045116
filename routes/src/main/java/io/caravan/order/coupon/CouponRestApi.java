package io.caravan.order.coupon;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import static io.caravan.order.coupon.CouponEndpoints.*;

/** order-app's coupon REST DSL: each verb declares its contract (the OpenAPI source) and goes straight to its direct: route. */
@Component
public class CouponRestApi extends RouteBuilder {

    @Override
    public void configure() {
        rest("/coupons").description("First-come-first-served coupons")
                .post()
                    .description("Create a coupon: FIXED takes discountValue KRW off, RATE takes discountValue percent")
                    .type(CreateCouponRequest.class).outType(Coupon.class)
                    .responseMessage().code(201).message("Created").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .to(CREATE_COUPON)
                .get("/{couponId}")
                    .description("Get a coupon with how many were issued")
                    .param().name("couponId").type(RestParamType.path).dataType("integer").endParam()
                    .outType(Coupon.class)
                    .responseMessage().code(200).message("OK").endResponseMessage()
                    .responseMessage().code(404).message("COUPON_NOT_FOUND").endResponseMessage()
                    .to(GET_COUPON)
                .post("/{couponId}/issue")
                    .description("Issue the coupon to a user: never past totalQuantity, at most once per user")
                    .param().name("couponId").type(RestParamType.path).dataType("integer").endParam()
                    .type(IssueCouponRequest.class).outType(IssuedCoupon.class)
                    .responseMessage().code(201).message("Created").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(404).message("COUPON_NOT_FOUND, USER_NOT_FOUND").endResponseMessage()
                    .responseMessage().code(409).message("COUPON_SOLD_OUT, COUPON_ALREADY_ISSUED, COUPON_EXPIRED").endResponseMessage()
                    .responseMessage().code(503).message("SERVICE_UNAVAILABLE (user-app did not answer)").endResponseMessage()
                    .to(ISSUE_COUPON);

        rest("/users").description("A user's coupons")
                .get("/{userId}/coupons")
                    .description("The user's issued coupons, newest first; status AVAILABLE, USED or EXPIRED")
                    .param().name("userId").type(RestParamType.path).dataType("integer").endParam()
                    .outType(UserCoupon.Items.class)
                    .responseMessage().code(200).message("OK: {\"items\": [...]}, empty for a user without coupons").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .to(LIST_USER_COUPONS);
    }
}
