package io.caravan.order.coupon;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.consumer.EventConsumerPolicy;
import io.caravan.common.consumer.EventConsumers;
import io.caravan.common.db.Transactions;
import io.caravan.common.events.EventEnvelope;
import io.caravan.common.problem.ProblemException;

import static io.caravan.order.coupon.CouponEndpoints.*;

/**
 * The welcome coupon: on {@code UserCreated}, issues coupon {@code caravan.coupon.welcome-coupon-id} (when set;
 * a value that is not a positive number stops the start-up) to the new user with the issuance transaction of
 * {@link CouponIssueRoutes}; no user check, the event proves the user exists. Idempotent by eventId (the
 * processed-event marker commits with the issuance) and by the (coupon, user) unique key. A refusal (already
 * issued, sold out, expired, no such coupon) is logged and the event counts as processed: retrying cannot
 * change it. Any other failure (database down) is retried, then dead-lettered by the consumer policy.
 */
@Component
public class WelcomeCouponRoutes extends RouteBuilder {

    static final String WELCOME_COUPON_ID = "{{caravan.coupon.welcome-coupon-id:}}";

    @Override
    public void configure() {
        Long welcomeCouponId = welcomeCouponId(getContext().resolvePropertyPlaceholders(WELCOME_COUPON_ID));

        from(EventConsumers.kafka("{{caravan.topics.user-events}}", WELCOME_CONSUMER))
                .routeId(ROUTE_WELCOME_COUPON).routeConfigurationId(EventConsumerPolicy.ID)
                .autoStartup("{{caravan.consumer.enabled:true}}")
                .process(EventConsumers::readEnvelope)
                .filter(e -> welcomeCouponId != null)
                    .filter(EventConsumers.eventType("UserCreated"))
                        .setProperty(COUPON_ID, constant(welcomeCouponId))
                        .process(WelcomeCouponRoutes::userOfEvent)
                        .doTry()
                            .to(WELCOME_COUPON_TX)
                        .doCatch(ProblemException.class)
                            .log(LoggingLevel.WARN, "io.caravan.coupon",
                                    "Welcome coupon ${exchangeProperty.couponId} not issued to user ${exchangeProperty.userId}: ${exception.message}")
                        .end()
                    .end()
                .end();

        Transactions.route(this, WELCOME_COUPON_TX, ROUTE_WELCOME_COUPON_TX)
                .to(EventConsumers.markProcessed(WELCOME_CONSUMER))
                .filter(EventConsumers.firstDelivery())
                    .to(ISSUE_COUPON_TX)
                .end();
    }

    static Long welcomeCouponId(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        long id = Long.parseLong(configured.strip());
        if (id < 1) {
            throw new IllegalArgumentException("caravan.coupon.welcome-coupon-id must be a positive coupon id: " + configured);
        }
        return id;
    }

    private static void userOfEvent(Exchange exchange) {
        EventEnvelope event = exchange.getProperty(EventConsumers.EVENT, EventEnvelope.class);
        exchange.setProperty(USER_ID, Long.parseLong(event.userId()));
    }
}
