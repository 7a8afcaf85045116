package io.caravan.user;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.caravan.common.consumer.EventConsumerPolicy;
import io.caravan.common.consumer.EventConsumers;
import io.caravan.common.db.Transactions;
import io.caravan.common.internal.InternalCall;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.user.UserEndpoints.*;

/**
 * Customer notifications: OrderCompleted / OrderFailed from {@code order-events} are recorded once per (order,
 * type) together with the processed-event marker, then, after that commit, sent to the push channel
 * ({@code caravan.notification.webhook-url}; empty: record and log only) through the client block, behind its own
 * circuit breaker. A notification is marked delivered only once the channel accepted it (any 2xx), so a failed
 * push is retried (then dead-lettered) and an undelivered one is sent when its event comes again; a delivered one
 * is never sent twice by a duplicate event. While the channel is down, its open breaker fails each push at once,
 * so the consumer does not wait out a timeout for every attempt of every record.
 */
@Component
public class NotificationRoutes extends RouteBuilder {

    private static final Logger NOTIFICATION_LOG = LoggerFactory.getLogger("io.caravan.notification");

    /** Exchange property: the notification to deliver, as a row of select-undelivered-notification.sql. */
    static final String NOTIFICATION = "notification";

    @Override
    public void configure() {
        boolean pushChannel =
                !getContext().resolvePropertyPlaceholders("{{caravan.notification.webhook-url:}}").isBlank();
        if (pushChannel) {
            InternalCall.defineDelivery(this, PUSH_NOTIFICATION, ROUTE_PUSH_NOTIFICATION,
                    "{{caravan.notification.webhook-url}}", "{{caravan.http.response-timeout-ms:3000}}");
        }

        from(EventConsumers.kafka("{{caravan.topics.order-events}}", NOTIFICATION_GROUP))
                .routeId(ROUTE_CONSUME_ORDER_EVENTS).routeConfigurationId(EventConsumerPolicy.ID)
                .autoStartup("{{caravan.consumer.enabled:true}}")
                .process(EventConsumers::readEnvelope)
                .filter(EventConsumers.eventType("OrderCompleted", "OrderFailed"))
                    .setProperty(NotificationEvent.PROPERTY, method(NotificationEvent.class, "from"))
                    .to(RECORD_NOTIFICATION_TX)
                    .to(DELIVER_NOTIFICATION)
                .end();

        // a notification recorded here is the one to deliver (exchange property NOTIFICATION)
        Transactions.route(this, RECORD_NOTIFICATION_TX, ROUTE_RECORD_NOTIFICATION_TX)
                .removeProperty(NOTIFICATION)
                .to(EventConsumers.markProcessed(NOTIFICATION_GROUP))
                .filter(EventConsumers.firstDelivery())
                    .to("sql:classpath:sql/user/insert-notification.sql?outputType=SelectOne")
                    .choice()
                        .when(body().isNull())
                            .log(LoggingLevel.INFO, "io.caravan.notification", "No new notification for "
                                    + "${exchangeProperty.notificationEvent}: already recorded or unknown user")
                        .otherwise()
                            .setProperty(NOTIFICATION, body())
                    .end()
                .end();

        // a repeated event finds the notification still undelivered, if any, in the database
        from(DELIVER_NOTIFICATION).routeId(ROUTE_DELIVER_NOTIFICATION).errorHandler(noErrorHandler())
                .choice()
                    .when(exchangeProperty(NOTIFICATION).isNull())
                        .to("sql:classpath:sql/user/select-undelivered-notification.sql?outputType=SelectOne")
                        .setProperty(NOTIFICATION, body())
                .end()
                .filter(exchangeProperty(NOTIFICATION).isNotNull())
                    .choice()
                        .when(e -> !pushChannel)
                            .process(NotificationRoutes::logRecordedOnly)
                        .otherwise()
                            // only the notification goes out; the client block sends none of the record's headers
                            .setBody(e -> NotificationEvent.pushBody(e.getProperty(NOTIFICATION, Map.class)))
                            .to(PUSH_NOTIFICATION)
                            .to("sql:UPDATE notification SET delivered_at = now() WHERE id = :#${exchangeProperty.notification[id]}?noop=true")
                    .end()
                .end();

        from(LIST_NOTIFICATIONS).routeId(ROUTE_LIST_NOTIFICATIONS).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader("userId", method(RequestReader.class, "id(${exchange}, 'userId')"))
                .setHeader("limit", method(RequestReader.class, "intParam(${exchange}, 'limit', 1, 100, 20)"))
                .to(REQUIRE_USER)
                .to("sql:classpath:sql/user/select-notifications.sql?outputType=SelectList")
                .bean(Notifications.class, "fromRows")
                .process(Responses.json(200));
    }

    /** Logged for every notification while no push channel is configured (as a Java call: ${body[id]} is bean OGNL). */
    static void logRecordedOnly(Exchange exchange) {
        NOTIFICATION_LOG.info("Notification {} recorded; no push channel configured",
                exchange.getProperty(NOTIFICATION, Map.class).get("id"));
    }
}
