package io.caravan.order.saga;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.caravan.common.rest.CaravanJson;

/**
 * What completing an order writes (amounts, coupon, prices) and announces (events). The saga carries it as the
 * option {@link #OPTION} of the steps whose completion finishes the order, evaluated when such a step begins,
 * so the completion can finish the order from the saga log alone, also after a crash (the draft is gone then).
 */
public final class OrderOutcome {

    /** Exchange property of the completion, and the saga option that carries it (as JSON). */
    public static final String OPTION = "outcome";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Map<String, Object> values;

    private OrderOutcome(Map<String, Object> values) {
        this.values = values;
    }

    /** The outcome the draft has reached (every step so far succeeded). */
    public static OrderOutcome of(OrderDraft order) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("orderId", order.getOrderId());
        values.put("userId", order.getUserId());
        values.put("requestId", order.getRequestId());
        values.put("totalAmount", order.getTotalAmount());
        values.put("pointsUsed", order.getPointsUsed());
        values.put("discountAmount", order.getDiscountAmount());
        values.put("paidAmount", order.getAmountToPay());
        values.put("couponApplied", order.isCouponApplied());
        values.put("couponId", order.getCouponId());
        values.put("couponSkippedReason", order.getCouponSkippedReason());
        values.put("pricedLinesJson", order.getPricedLinesJson());
        return new OrderOutcome(values);
    }

    /** The saga option's value: the draft's outcome as JSON (as {@code SagaSteps.draft(OrderOutcome::optionOf)}). */
    public static String optionOf(OrderDraft order) {
        return CaravanJson.write(of(order).values);
    }

    /** A completion exchange: the outcome from its option header. */
    public static void fromOption(Exchange exchange) throws JsonProcessingException {
        String json = exchange.getMessage().getHeader(OPTION, String.class);
        if (json == null) {
            throw new IllegalStateException("The completion has no saga option " + OPTION);
        }
        exchange.setProperty(OPTION, new OrderOutcome(CaravanJson.MAPPER.readValue(json, MAP)));
    }

    public static OrderOutcome of(Exchange exchange) {
        return exchange.getProperty(OPTION, OrderOutcome.class);
    }

    // --- read by complete-order.sql and price-order-items.sql (JavaBean getters for Simple), and the events ---

    public String getOrderId() {
        return (String) values.get("orderId");
    }

    public long getUserId() {
        return number("userId");
    }

    public String getRequestId() {
        return (String) values.get("requestId");
    }

    public long getTotalAmount() {
        return number("totalAmount");
    }

    public long getPointsUsed() {
        return number("pointsUsed");
    }

    public long getDiscountAmount() {
        return number("discountAmount");
    }

    public long getPaidAmount() {
        return number("paidAmount");
    }

    public boolean isCouponApplied() {
        return Boolean.TRUE.equals(values.get("couponApplied"));
    }

    public Long getCouponId() {
        Object id = values.get("couponId");
        return id == null ? null : ((Number) id).longValue();
    }

    public String getCouponSkippedReason() {
        return (String) values.get("couponSkippedReason");
    }

    public String getPricedLinesJson() {
        return (String) values.get("pricedLinesJson");
    }

    private long number(String key) {
        Object value = values.get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
