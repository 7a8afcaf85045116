package io.caravan.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.apache.camel.Exchange;

import io.caravan.common.consumer.EventConsumers;
import io.caravan.common.events.EventEnvelope;

/**
 * The rules of counting a completed order into the daily sales: which order and which day (the UTC date of the
 * event's timestamp, i.e. when the order completed; the processing date only if the event has none), and
 * whether an order that added nothing was already counted (fine) or cannot be counted yet (a failure, retried).
 */
public final class SalesCounting {

    private SalesCounting() {}

    public static void describeOrder(Exchange exchange) {
        EventEnvelope event = exchange.getProperty(EventConsumers.EVENT, EventEnvelope.class);
        if (!OrderIds.isValid(event.orderId())) {
            throw new IllegalArgumentException("OrderCompleted " + event.eventId() + " has no valid orderId");
        }
        exchange.getMessage().setHeader("orderId", event.orderId());
        exchange.getMessage().setHeader(CatalogHeaders.SALES_DAY, dayOf(event.timestamp()).toString());
    }

    static LocalDate dayOf(Instant timestamp) {
        return LocalDate.ofInstant(timestamp == null ? Instant.now() : timestamp, ZoneOffset.UTC);
    }

    /** Called when the order added nothing: fine when it was counted before, otherwise the record must fail. */
    public static void requireCountedBefore(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, Object> reservation = exchange.getMessage().getBody(Map.class);
        String orderId = exchange.getMessage().getHeader("orderId", String.class);
        if (reservation == null) {
            throw new IllegalStateException("No stock reservation for completed order " + orderId + " (yet)");
        }
        if (!StockReservations.CONFIRMED.equals(reservation.get("status")) || !Boolean.TRUE.equals(reservation.get("counted"))) {
            throw new IllegalStateException("Stock reservation of completed order " + orderId + " is "
                    + reservation.get("status") + ", not CONFIRMED (yet)");
        }
    }
}
