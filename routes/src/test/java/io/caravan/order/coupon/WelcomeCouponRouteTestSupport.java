package io.caravan.order.coupon;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.sql.SqlConstants;
import org.junit.jupiter.api.BeforeEach;

import io.caravan.common.consumer.EventConsumerPolicy;
import io.caravan.common.consumer.EventConsumers;
import io.caravan.order.KnownUsers;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.order.coupon.CouponEndpoints.*;

/** The welcome coupon consumer with Kafka replaced by direct: and camel-sql mocked (the marker table kept in memory). */
abstract class WelcomeCouponRouteTestSupport extends RouteTestSupport {

    static final String USER_EVENTS = "direct:user-events";

    private final Set<String> processed = ConcurrentHashMap.newKeySet();
    MockEndpoint marker;
    MockEndpoint insert;
    MockEndpoint take;
    MockEndpoint state;
    MockEndpoint deadLetter;

    @Override
    protected Properties extraProperties() {
        Properties properties = new Properties();
        properties.put("caravan.coupon.welcome-coupon-id", welcomeCouponId());
        return properties;
    }

    /** The value of {@code caravan.coupon.welcome-coupon-id}. */
    abstract String welcomeCouponId();

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new EventConsumerPolicy(0, 0), new WelcomeCouponRoutes(),
                new CouponIssueRoutes(new KnownUsers(1000, Duration.ofMinutes(30))),
                new RouteBuilder() {
                    @Override
                    public void configure() {
                        from(EventConsumerPolicy.DEAD_LETTER).to("mock:dead-letter");
                    }
                }};
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context, ROUTE_WELCOME_COUPON, a -> a.replaceFromWith(USER_EVENTS));
        AdviceWith.adviceWith(context, ROUTE_WELCOME_COUPON_TX, a ->
                a.weaveByToUri("sql:INSERT INTO processed_event*").replace().to("mock:processed-event"));
        // the REST issuance route shares the builder; it is not used here
        AdviceWith.adviceWith(context, ROUTE_ISSUE_COUPON, a -> a.weaveByToUri("sql:*").replace().to("mock:unused"));
        AdviceWith.adviceWith(context, ROUTE_ISSUE_COUPON_TX, a -> {
            a.weaveByToUri("sql:classpath:sql/order/coupon/insert-issued-coupon.sql*").replace().to("mock:insert-issued");
            a.weaveByToUri("sql:classpath:sql/order/coupon/take-coupon.sql*").replace().to("mock:take-coupon");
            a.weaveByToUri("sql:classpath:sql/order/coupon/select-coupon-state.sql*").replace().to("mock:coupon-state");
        });
        context.start();
        marker = getMockEndpoint("mock:processed-event");
        insert = getMockEndpoint("mock:insert-issued");
        take = getMockEndpoint("mock:take-coupon");
        state = getMockEndpoint("mock:coupon-state");
        deadLetter = getMockEndpoint("mock:dead-letter");
        marker.whenAnyExchangeReceived(e -> e.getMessage().setHeader(SqlConstants.SQL_UPDATE_COUNT,
                processed.add(e.getMessage().getHeader(EventConsumers.EVENT_ID, String.class)) ? 1 : 0));
        insert.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.issuedRow(3, 7, 42)));
        take.whenAnyExchangeReceived(e -> e.getMessage().setBody(CouponMother.takenRow(7)));
    }
}
