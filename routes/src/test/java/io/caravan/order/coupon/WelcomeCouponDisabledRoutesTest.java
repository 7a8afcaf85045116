package io.caravan.order.coupon;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.caravan.common.events.EventEnvelope;
import io.caravan.common.rest.CaravanJson;

/** The welcome coupon consumer when {@code caravan.coupon.welcome-coupon-id} is empty: it reads and commits, nothing else. */
class WelcomeCouponDisabledRoutesTest extends WelcomeCouponRouteTestSupport {

    @Override
    String welcomeCouponId() {
        return "";
    }

    @Test
    void shouldDoNothingWhenNoWelcomeCouponIsConfigured() throws Exception {
        marker.expectedMessageCount(0);
        insert.expectedMessageCount(0);
        take.expectedMessageCount(0);
        deadLetter.expectedMessageCount(0);

        template.sendBody(USER_EVENTS, CaravanJson.write(EventEnvelope.of("UserCreated").userId(42)));

        MockEndpoint.assertIsSatisfied(context);
    }
}
