package io.caravan.catalog;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;

import io.caravan.common.ResolvedPlaceholders;
import io.caravan.common.events.EventEnvelope;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.outbox.OutboxEvent;

/** The events catalog-app publishes to {@code product-events}, keyed by productId (one event per product). */
public final class CatalogEvents {

    private CatalogEvents() {}

    public static void add(Exchange exchange, EventEnvelope event) {
        String topic = ResolvedPlaceholders.resolve(exchange.getContext(), "{{caravan.topics.product-events}}");
        Outbox.add(exchange, new OutboxEvent(topic, event.productId(), event));
    }

    public static void productCreated(Exchange exchange) {
        add(exchange, EventEnvelope.of("ProductCreated").productId(exchange.getMessage().getBody(Product.class).id()));
    }

    public static void productUpdated(Exchange exchange) {
        add(exchange, EventEnvelope.of("ProductUpdated").productId(exchange.getMessage().getBody(Product.class).id()));
    }

    /**
     * StockReserved for each product of the reservation request in the body, in product-id order. They are
     * prepared before the reservation: its statement writes them only when it made a new reservation.
     */
    public static void stockReserved(Exchange exchange) {
        ReserveStockRequest request = exchange.getMessage().getBody(ReserveStockRequest.class);
        request.items().stream().map(ReserveStockRequest.Line::productId).sorted().forEach(productId ->
                add(exchange, EventEnvelope.of("StockReserved").orderId(request.orderId()).productId(productId)));
    }

    /** StockReleased for each line (rows with {@code product_id}) of the released reservation in the body. */
    @SuppressWarnings("unchecked")
    public static void stockReleased(Exchange exchange) {
        String orderId = exchange.getProperty(CatalogHeaders.ORDER_ID, String.class);
        for (Map<String, Object> line : (List<Map<String, Object>>) exchange.getMessage().getBody(List.class)) {
            add(exchange, EventEnvelope.of("StockReleased").orderId(orderId).productId(line.get("product_id")));
        }
    }
}
