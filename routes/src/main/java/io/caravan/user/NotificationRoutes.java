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
import io.caravan.common.internal.InternalCall;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.user.UserEndpoints.*;

/**
 * Customer notifications: OrderCompleted / OrderFailed from {@code order-events} are recorded once per (order,
 * type) together with the processed-event marker, then, after that commit, sent to the push channel
 * ({@code caravan.notification.webhook-url}; empty: record and log only) through the client block, behind its own
 * circuit breaker. A notification is marked delivered only once the channel accepted it (any 2xx); a delivered one
 * is never sent twice by a duplicate event. While the channel is down, its open breaker fails each push at once,
 * so the consumer does not wait out a timeout for every attempt of every record.
 *
 * <p>A push that failed is retried by the consumer's policy, then its record is dead-lettered; the notification
 * stays undelivered. The redelivery sweep pushes such notifications again once the channel is back: a timer claims
 * the due ones ({@code claim-due-notifications.sql}), with a back-off that doubles per attempt, and gives a
 * notification up after {@code caravan.notification.redelivery.max-attempts}. A repeated event (e.g. replayed from
 * the dead-letter topic) delivers it too.
 */
@Component
public class NotificationRoutes extends RouteBuilder {

    private static final Logger NOTIFICATION_LOG = LoggerFactory.getLogger("io.caravan.notification");

    /** Exchange property: the notification to deliver, as a row of select-undelivered-notification.sql. */
    static final String NOTIFICATION = "notification";
    /** Exchange property: when the sweep may first push a notification recorded now, in ms (-1: never). */
    static final String FIRST_REDELIVERY_MS = "firstRedeliveryMs";

    @Override
    public void configure() {
        boolean pushChannel = !setting("webhook-url", "").isBlank();
        long firstRedeliveryMs = pushChannel ? Long.parseLong(setting("redelivery.first-delay-ms", "60000")) : -1;
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
                    .to(RECORD_NOTIFICATION)
                    .to(DELIVER_NOTIFICATION)
                .end();

        // the event's marker and its notification in one statement on its own, without a transaction around it; a
        // notification recorded here is the one to deliver (exchange property NOTIFICATION)
        from(RECORD_NOTIFICATION).routeId(ROUTE_RECORD_NOTIFICATION).errorHandler(noErrorHandler())
                .removeProperty(NOTIFICATION)
                .setProperty(FIRST_REDELIVERY_MS, constant(firstRedeliveryMs))
                .to("sql:classpath:sql/user/insert-notification.sql?outputType=SelectOne")
                .choice()
                    .when(body().isNull())
                        .log(LoggingLevel.INFO, "io.caravan.notification", "No new notification for "
                                + "${exchangeProperty.notificationEvent}: a repeated event, already recorded or "
                                + "unknown user")
                    .otherwise()
                        .setProperty(NOTIFICATION, body())
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
                            .to(SEND_NOTIFICATION)
                    .end()
                .end();

        // only the notification goes out (the client block sends none of the record's headers); delivered once accepted
        from(SEND_NOTIFICATION).routeId(ROUTE_SEND_NOTIFICATION).errorHandler(noErrorHandler())
                .setBody(e -> NotificationEvent.pushBody(e.getProperty(NOTIFICATION, Map.class)))
                .to(PUSH_NOTIFICATION)
                .to("sql:UPDATE notification SET delivered_at = now() WHERE id = :#${exchangeProperty.notification[id]}?noop=true");

        if (pushChannel) {
            redelivery(firstRedeliveryMs);
        }

        from(LIST_NOTIFICATIONS).routeId(ROUTE_LIST_NOTIFICATIONS).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader("userId", method(RequestReader.class, "id(${exchange}, 'userId')"))
                .setHeader("limit", method(RequestReader.class, "intParam(${exchange}, 'limit', 1, 100, 20)"))
                .to(REQUIRE_USER)
                .to("sql:classpath:sql/user/select-notifications.sql?outputType=SelectList")
                .bean(Notifications.class, "fromRows")
                .process(Responses.json(200));
    }

    /** The sweep: a timer pushes the due notifications again, one by one; a failed push waits for its next turn. */
    private void redelivery(long firstDelayMs) {
        Map<String, Object> claim = Map.of(
                "batchSize", Integer.parseInt(setting("redelivery.batch-size", "100")),
                "firstDelayMs", firstDelayMs,
                "maxDelayMs", Long.parseLong(setting("redelivery.max-delay-ms", "3600000")),
                "maxAttempts", Integer.parseInt(setting("redelivery.max-attempts", "10")));

        from("timer:notification-redelivery?delay={{caravan.notification.redelivery.period-ms:10000}}"
                + "&period={{caravan.notification.redelivery.period-ms:10000}}")
                .routeId(ROUTE_REDELIVERY_TIMER)
                .autoStartup("{{caravan.notification.redelivery.enabled:true}}")
                .to(REDELIVER_NOTIFICATIONS);

        from(REDELIVER_NOTIFICATIONS).routeId(ROUTE_REDELIVER_NOTIFICATIONS)
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "io.caravan.notification", "Redelivery sweep failed: ${exception.message}")
                .end()
                .setBody(constant(claim))
                .to("sql:classpath:sql/user/claim-due-notifications.sql?outputType=SelectList")
                .split(body())
                    .setProperty(NOTIFICATION, body())
                    .doTry()
                        .to(SEND_NOTIFICATION)
                        .process(e -> NOTIFICATION_LOG.info("Notification {} delivered again (attempt {})",
                                notificationColumn(e, "id"), notificationColumn(e, "push_attempts")))
                    .doCatch(Exception.class)
                        .process(NotificationRoutes::logNotRedelivered)
                    .end()
                .end();
    }

    private String setting(String name, String defaultValue) {
        return getContext().resolvePropertyPlaceholders("{{caravan.notification." + name + ":" + defaultValue + "}}");
    }

    private static Object notificationColumn(Exchange exchange, String column) {
        return exchange.getProperty(NOTIFICATION, Map.class).get(column);
    }

    static void logNotRedelivered(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        NOTIFICATION_LOG.warn("Notification {} not delivered again (attempt {}): {}", notificationColumn(exchange, "id"),
                notificationColumn(exchange, "push_attempts"), failure == null ? "?" : failure.getMessage());
    }

    /** Logged for every notification while no push channel is configured. */
    static void logRecordedOnly(Exchange exchange) {
        NOTIFICATION_LOG.info("Notification {} recorded; no push channel configured", notificationColumn(exchange, "id"));
    }
}
