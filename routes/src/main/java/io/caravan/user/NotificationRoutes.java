package io.caravan.user;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.caravan.common.ResolvedPlaceholders;
import io.caravan.common.consumer.EventConsumerPolicy;
import io.caravan.common.consumer.EventConsumers;
import io.caravan.common.db.Transactions;
import io.caravan.common.rest.CaravanJson;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.user.UserEndpoints.*;

/**
 * Customer notifications: OrderCompleted / OrderFailed from {@code order-events} are recorded once per (order,
 * type) together with the processed-event marker, then, after that commit, sent to the push channel
 * ({@code caravan.notification.webhook-url}; empty: record and log only). A notification is marked delivered
 * only once the channel accepted it, so a failed push is retried (then dead-lettered) and an undelivered one is
 * sent when its event comes again; a delivered one is never sent twice by a duplicate event.
 */
@Component
public class NotificationRoutes extends RouteBuilder {

    private static final Logger NOTIFICATION_LOG = LoggerFactory.getLogger("io.caravan.notification");

    static final String WEBHOOK = "http://caravan-notification-webhook"
            + "?connectTimeout={{caravan.http.connect-timeout-ms:1000}}"
            + "&responseTimeout={{caravan.http.response-timeout-ms:3000}}";
    /** Exchange property: the notification to deliver, as a row of select-undelivered-notification.sql. */
    static final String NOTIFICATION = "notification";
    /** Camel's headers, including the Kafka manual commit and the redelivery counter. */
    static final String CAMEL_HEADERS = "Camel*";

    @Override
    public void configure() {
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
                    .setBody(exchangeProperty(NOTIFICATION))
                    .choice()
                        .when(NotificationRoutes::webhookMissing)
                            .process(NotificationRoutes::logRecordedOnly)
                        .otherwise()
                            .to(PUSH_NOTIFICATION)
                            .to("sql:UPDATE notification SET delivered_at = now() WHERE id = :#${exchangeProperty.notification[id]}?noop=true")
                    .end()
                .end();

        // the client route of the push channel: only the notification goes out, never the Kafka record's headers.
        // Camel's own headers stay (the HTTP client never sends them): the redelivery counter lives there, and
        // without it the consumer policy would retry a failing push forever.
        from(PUSH_NOTIFICATION).routeId(ROUTE_PUSH_NOTIFICATION).errorHandler(noErrorHandler())
                .removeHeaders("*", CAMEL_HEADERS)
                .process(e -> e.getMessage().setBody(CaravanJson.write(
                        NotificationEvent.pushBody(e.getProperty(NOTIFICATION, java.util.Map.class)))))
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setHeader(Exchange.HTTP_URI, simple("{{caravan.notification.webhook-url:}}"))
                .to(WEBHOOK)
                .removeHeaders("*", CAMEL_HEADERS);

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
        NOTIFICATION_LOG.info("Notification {} recorded; no push channel configured", exchange.getMessage().getBody(Map.class).get("id"));
    }

    static boolean webhookMissing(Exchange exchange) {
        return ResolvedPlaceholders.resolve(exchange.getContext(), "{{caravan.notification.webhook-url:}}").isBlank();
    }
}
