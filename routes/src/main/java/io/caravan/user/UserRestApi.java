package io.caravan.user;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import static io.caravan.user.UserEndpoints.*;

/** user-app's REST DSL: each verb declares its contract (the OpenAPI source) and goes straight to its direct: route. */
@Component
public class UserRestApi extends RouteBuilder {

    @Override
    public void configure() {
        rest("/users").description("Users, their points and notifications")
                .post()
                    .description("Create a user")
                    .type(CreateUserRequest.class).outType(User.class)
                    .responseMessage().code(201).message("Created").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(409).message("EMAIL_ALREADY_EXISTS").endResponseMessage()
                    .to(CREATE_USER)
                .get("/{userId}")
                    .description("Get a user")
                    .param().name("userId").type(RestParamType.path).dataType("integer").endParam()
                    .outType(User.class)
                    .responseMessage().code(404).message("USER_NOT_FOUND").endResponseMessage()
                    .to(GET_USER)
                .get("/{userId}/points")
                    .description("Get a user's point balance")
                    .param().name("userId").type(RestParamType.path).dataType("integer").endParam()
                    .outType(PointBalance.class)
                    .responseMessage().code(200).message("The balance").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(404).message("USER_NOT_FOUND").endResponseMessage()
                    .to(GET_POINTS)
                .post("/{userId}/points/charge")
                    .description("Charge points (1..1,000,000; the balance after may be at most 10,000,000). "
                            + "A charge repeated with the same requestId is applied once and answers the same body; "
                            + "the same requestId with another amount is 422 IDEMPOTENCY_KEY_REUSED.")
                    .param().name("userId").type(RestParamType.path).dataType("integer").endParam()
                    .type(ChargePointsRequest.class).outType(PointBalance.class)
                    .responseMessage().code(200).message("The balance after the charge").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(404).message("USER_NOT_FOUND").endResponseMessage()
                    .responseMessage().code(409).message("BALANCE_LIMIT_EXCEEDED").endResponseMessage()
                    .responseMessage().code(422).message("IDEMPOTENCY_KEY_REUSED").endResponseMessage()
                    .to(CHARGE_POINTS)
                .get("/{userId}/points/history")
                    .description("A user's balance changes, newest first; type CHARGE, USE or REFUND, amount always positive")
                    .param().name("userId").type(RestParamType.path).dataType("integer").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                        .defaultValue("20").description("1..100").endParam()
                    .outType(PointHistory.class)
                    .responseMessage().code(200).message("The history").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(404).message("USER_NOT_FOUND").endResponseMessage()
                    .to(GET_POINT_HISTORY)
                .get("/{userId}/notifications")
                    .description("A user's order notifications (ORDER_COMPLETED, ORDER_FAILED), newest first")
                    .param().name("userId").type(RestParamType.path).dataType("integer").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                        .defaultValue("20").description("1..100").endParam()
                    .outType(Notifications.class)
                    .responseMessage().code(200).message("The notifications").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(404).message("USER_NOT_FOUND").endResponseMessage()
                    .to(LIST_NOTIFICATIONS);

        rest("/internal/points/deductions").description("The order saga's point step (service token required)")
                .post()
                    .description("Deduct points for an order; idempotent by orderId")
                    .param().name("X-Caravan-Service-Token").type(RestParamType.header).dataType("string").required(true).endParam()
                    .type(DeductPointsRequest.class).outType(PointDeduction.class)
                    .responseMessage().code(200).message("Deducted (or the first answer again)").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(401).message("UNAUTHORIZED").endResponseMessage()
                    .responseMessage().code(404).message("USER_NOT_FOUND").endResponseMessage()
                    .responseMessage().code(409).message("INSUFFICIENT_POINTS, DEDUCTION_REFUNDED or DEDUCTION_CONFLICT")
                        .endResponseMessage()
                    .to(DEDUCT_POINTS)
                .post("/{orderId}/refund")
                    .description("Refund an order's points; idempotent. For an orderId never deducted it leaves a "
                            + "tombstone (status TOMBSTONE, refunded 0) so a late deduction is refused.")
                    .param().name("orderId").type(RestParamType.path).dataType("string").description("UUID").endParam()
                    .param().name("X-Caravan-Service-Token").type(RestParamType.header).dataType("string").required(true).endParam()
                    .outType(PointRefund.class)
                    .responseMessage().code(200).message("REFUNDED or TOMBSTONE").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(401).message("UNAUTHORIZED").endResponseMessage()
                    .to(REFUND_POINTS);
    }
}
