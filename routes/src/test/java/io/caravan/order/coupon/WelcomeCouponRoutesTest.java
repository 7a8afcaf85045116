package io.caravan.order.coupon;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.caravan.common.events.EventEnvelope;
import io.caravan.common.rest.CaravanJson;

import static io.caravan.order.coupon.CouponEndpoints.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The welcome coupon consumer with coupon 7 configured. */
class WelcomeCouponRoutesTest extends WelcomeCouponRouteTestSupport {

    @Override
    String welcomeCouponId() {
        return "7";
    }

    @Test
    void shouldIssueWelcomeCouponOnceWhenUserCreatedIsDeliveredTwice() throws Exception {
        insert.expectedMessageCount(1);
        insert.expectedPropertyReceived(COUPON_ID, 7L);
        insert.expectedPropertyReceived(USER_ID, 42L);
        take.expectedMessageCount(1);
        deadLetter.expectedMessageCount(0);
        String event = CaravanJson.write(EventEnvelope.of("UserCreated").userId(42));

        template.sendBody(USER_EVENTS, event);
        template.sendBody(USER_EVENTS, event);

        marker.expectedMessageCount(2);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldConsiderEventProcessedWithoutRetryWhenCouponIsSoldOut() throws Exception {
        take.whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        state.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.stateRow(false, 100, 100)));
        take.expectedMessageCount(1);
        deadLetter.expectedMessageCount(0);

        template.sendBody(USER_EVENTS, CaravanJson.write(EventEnvelope.of("UserCreated").userId(42)));

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldDeadLetterWhenTheDatabaseFails() throws Exception {
        insert.whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("database down");
        });
        deadLetter.expectedMessageCount(1);

        template.sendBody(USER_EVENTS, CaravanJson.write(EventEnvelope.of("UserCreated").userId(42)));

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldIgnoreOtherUserEvents() throws Exception {
        marker.expectedMessageCount(0);
        insert.expectedMessageCount(0);

        template.sendBody(USER_EVENTS, CaravanJson.write(EventEnvelope.of("PointCharged").userId(42).requestId("r-1")));

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void shouldReadTheConfiguredWelcomeCouponIdStrictly() {
        assertThat(WelcomeCouponRoutes.welcomeCouponId("")).isNull();
        assertThat(WelcomeCouponRoutes.welcomeCouponId(" 12 ")).isEqualTo(12L);
        assertThatThrownBy(() -> WelcomeCouponRoutes.welcomeCouponId("0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WelcomeCouponRoutes.welcomeCouponId("abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
