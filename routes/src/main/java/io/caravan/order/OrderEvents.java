package io.caravan.order;

import java.util.Map;

import org.apache.camel.Exchange;

import io.caravan.common.ResolvedPlaceholders;
import io.caravan.common.events.EventEnvelope;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.outbox.OutboxEvent;
import io.caravan.order.saga.OrderDraft;
import io.caravan.order.saga.OrderOutcome;

/** The events of the order saga on {@code order-events}, keyed by orderId; identifiers only. */
public final class OrderEvents {

    private OrderEvents() {}

    public static void add(Exchange exchange, EventEnvelope event) {
        String topic = ResolvedPlaceholders.resolve(exchange.getContext(), "{{caravan.topics.order-events}}");
        Outbox.add(exchange, new OutboxEvent(topic, event.orderId(), event));
    }

    public static void orderCreated(Exchange exchange) {
        add(exchange, envelope("OrderCreated", OrderDraft.of(exchange)));
    }

    /** OrderCompleted, plus CouponUsed when a coupon was applied and PaymentCompleted when the card was charged. */
    public static void orderCompleted(Exchange exchange) {
        OrderOutcome order = OrderOutcome.of(exchange);
        if (order.isCouponApplied()) {
            add(exchange, EventEnvelope.of("CouponUsed").orderId(order.getOrderId()).userId(order.getUserId())
                    .couponId(order.getCouponId()));
        }
        if (order.getPaidAmount() > 0) {
            add(exchange, EventEnvelope.of("PaymentCompleted").orderId(order.getOrderId()).userId(order.getUserId()));
        }
        add(exchange, EventEnvelope.of("OrderCompleted").orderId(order.getOrderId()).userId(order.getUserId())
                .requestId(order.getRequestId()));
    }

    /** OrderFailed from the row {@code sql/order/mark-failed.sql} returned (a compensation has no draft). */
    @SuppressWarnings("unchecked")
    public static void orderFailed(Exchange exchange) {
        Map<String, Object> row = exchange.getMessage().getBody(Map.class);
        add(exchange, EventEnvelope.of("OrderFailed").orderId(row.get("id")).userId(row.get("user_id"))
                .requestId(row.get("request_id")));
    }

    private static EventEnvelope envelope(String type, OrderDraft order) {
        return EventEnvelope.of(type).orderId(order.getOrderId()).userId(order.getUserId()).requestId(order.getRequestId());
    }
}
