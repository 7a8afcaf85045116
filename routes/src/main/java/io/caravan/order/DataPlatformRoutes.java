package io.caravan.order;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.consumer.EventConsumerPolicy;
import io.caravan.common.consumer.EventConsumers;
import io.caravan.common.events.EventEnvelope;
import io.caravan.common.internal.InternalCall;

import static io.caravan.order.OrderEndpoints.*;

/**
 * Consumer of {@code order-events} (group {@code order-app-data-platform}): each OrderCompleted sends the order,
 * read fresh from the database, to the data platform at {@code caravan.data-platform.url} behind a circuit
 * breaker. Off (no routes at all) when that URL is not set. Its failures never touch an order: they are retried,
 * then the record goes to the dead-letter topic. Delivery is at least once (the platform may de-duplicate by the
 * {@code eventId} sent along): the event is marked processed after the platform accepted it, so no database lock
 * is held across the HTTP call.
 */
@Component
public class DataPlatformRoutes extends RouteBuilder {

    static final String CONSUMER = "order-data-platform";

    @Override
    public void configure() {
        String url = getContext().resolvePropertyPlaceholders("{{caravan.data-platform.url:}}");
        if (url == null || url.isBlank()) {
            return;
        }
        InternalCall.defineDelivery(this, DATA_PLATFORM_SEND, "order-client-data-platform-send",
                "{{caravan.data-platform.url}}", "{{caravan.data-platform.timeout-ms:3000}}");

        from(EventConsumers.kafka("{{caravan.topics.order-events}}", "order-app-data-platform"))
                .routeId(ROUTE_DATA_PLATFORM_CONSUMER).routeConfigurationId(EventConsumerPolicy.ID)
                .autoStartup("{{caravan.consumer.enabled:true}}")
                .process(EventConsumers::readEnvelope)
                .filter(EventConsumers.eventType("OrderCompleted"))
                    .to(FEED_DATA_PLATFORM)
                .end();

        from(FEED_DATA_PLATFORM).routeId(ROUTE_DATA_PLATFORM_FEED).errorHandler(noErrorHandler())
                .process(DataPlatformRoutes::readIds)
                .to("sql:SELECT 1 AS seen FROM processed_event WHERE consumer = '" + CONSUMER + "' "
                        + "AND event_id = :#${exchangeProperty.eventId}?outputType=SelectOne")
                .filter(body().isNull())
                    .to(READ_ORDER)
                    .setBody(e -> Map.of("eventId", e.getProperty("eventId"), "order", e.getMessage().getBody()))
                    .to(DATA_PLATFORM_SEND)
                    .setHeader(EventConsumers.EVENT_ID, exchangeProperty("eventId"))
                    .to(EventConsumers.markProcessed(CONSUMER))
                .end();
    }

    /** The event's ids as properties (in plain Java: Simple's {@code orderId} would call the envelope's builder). */
    static void readIds(Exchange exchange) {
        EventEnvelope event = exchange.getProperty(EventConsumers.EVENT, EventEnvelope.class);
        exchange.setProperty("orderId", event.orderId());
        exchange.setProperty("eventId", event.eventId());
    }
}
