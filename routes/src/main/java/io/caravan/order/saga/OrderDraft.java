package io.caravan.order.saga;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.Exchange;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.rest.CaravanJson;
import io.caravan.order.PlaceOrderRequest;
import io.caravan.order.PlaceOrderRequest.CouponPolicy;

/**
 * The order as the saga builds it, step by step (exchange property {@link #PROPERTY}), with the amount rules
 * of API.md. Forward steps only: a compensation never sees it (compensations get their saga options).
 */
public final class OrderDraft {

    public static final String PROPERTY = "order";

    private final String orderId;
    private final PlaceOrderRequest request;
    private final String requestId;
    private final String requestHash;
    private List<Map<String, Object>> pricedLines = List.of();
    private long totalAmount;
    private long pointsUsed;
    private long discountAmount;
    private boolean couponApplied;
    private Long couponId;
    private String couponSkippedReason;
    private String paymentId;

    public OrderDraft(String orderId, PlaceOrderRequest request, String requestId) {
        this.orderId = orderId;
        this.request = request;
        this.requestId = requestId;
        this.requestHash = hash(request.withoutRequestId());
    }

    /** A new order for a validated request, with its effective idempotency key (header or body). */
    public static OrderDraft create(PlaceOrderRequest request, String requestId) {
        return new OrderDraft(UUID.randomUUID().toString(), request, requestId);
    }

    public static OrderDraft of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, OrderDraft.class);
    }

    // --- what the participants are asked -------------------------------------------------------------------

    public Map<String, Object> reservationRequest() {
        return Map.of("orderId", orderId, "items", request.items());
    }

    public Map<String, Object> deductionRequest() {
        return Map.of("orderId", orderId, "userId", request.userId(), "amount", request.pointsToUse());
    }

    public Map<String, Object> chargeRequest() {
        return Map.of("orderId", orderId, "amount", getAmountToPay(), "cardToken", request.payment().cardToken());
    }

    // --- what they answered, and the rules between the steps -----------------------------------------------

    /** The catalog reserved every line: its prices make the total. */
    @SuppressWarnings("unchecked")
    public void reserved(Map<String, Object> answer) {
        this.totalAmount = ((Number) answer.get("totalAmount")).longValue();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Object> item : (List<Map<String, Object>>) answer.getOrDefault("items", List.of())) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("productId", item.get("productId"));
            line.put("unitPrice", item.get("unitPrice"));
            line.put("lineAmount", item.get("lineAmount"));
            lines.add(line);
        }
        this.pricedLines = lines;
    }

    public void checkPointsWithinTotal() {
        if (request.pointsToUse() > totalAmount) {
            throw ProblemException.conflict("POINTS_EXCEED_TOTAL",
                    "pointsToUse (" + request.pointsToUse() + ") exceeds the order total (" + totalAmount + ")");
        }
    }

    public void pointsDeducted() {
        this.pointsUsed = request.pointsToUse();
    }

    /** The coupon was marked USED for this order: its discount, capped at what points left to pay. */
    public void couponUsed(Map<String, Object> coupon) {
        this.couponId = ((Number) coupon.get("coupon_id")).longValue();
        this.discountAmount = CouponDiscountRule.discount((String) coupon.get("discount_type"),
                ((Number) coupon.get("discount_value")).longValue(), totalAmount, pointsUsed);
        this.couponApplied = true;
    }

    /** The coupon does not apply: a REQUIRED one fails the order, an OPTIONAL one is skipped with the reason. */
    public void couponNotApplicable(String reason) {
        if (request.couponPolicy() == CouponPolicy.REQUIRED) {
            throw new ProblemException(409, "COUPON_NOT_APPLICABLE", "The coupon cannot be used for this order: " + reason,
                    Map.of("reason", reason));
        }
        this.couponSkippedReason = reason;
    }

    public void requirePaymentMethod() {
        if (getAmountToPay() > 0 && request.payment() == null) {
            throw ProblemException.conflict("PAYMENT_METHOD_REQUIRED",
                    getAmountToPay() + " is left to pay and no payment was given");
        }
    }

    public void paid(Map<String, Object> answer) {
        Object id = answer.get("paymentId");
        this.paymentId = id == null ? null : id.toString();
    }

    // --- read by the routes' SQL and events (JavaBean getters for Simple) ------------------------------------

    public String getOrderId() {
        return orderId;
    }

    public long getUserId() {
        return request.userId();
    }

    public PlaceOrderRequest getRequest() {
        return request;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getRequestHash() {
        return requestHash;
    }

    public long getPointsToUse() {
        return request.pointsToUse();
    }

    public Long getIssuedCouponId() {
        return request.couponId();
    }

    public String getCouponPolicy() {
        return request.couponPolicy().name();
    }

    public long getTotalAmount() {
        return totalAmount;
    }

    public long getPointsUsed() {
        return pointsUsed;
    }

    public long getDiscountAmount() {
        return discountAmount;
    }

    /** paidAmount = totalAmount - pointsUsed - discountAmount; what the card is charged (nothing when 0). */
    public long getAmountToPay() {
        return Math.max(0, totalAmount - pointsUsed - discountAmount);
    }

    public boolean isCouponApplied() {
        return couponApplied;
    }

    public Long getCouponId() {
        return couponId;
    }

    public String getCouponSkippedReason() {
        return couponSkippedReason;
    }

    public String getPaymentId() {
        return paymentId;
    }

    public boolean isPriced() {
        return !pricedLines.isEmpty();
    }

    /** The ordered lines as JSON for one multi-row INSERT. */
    public String getLinesJson() {
        return CaravanJson.write(request.items());
    }

    /** The catalog's prices per product as JSON for one multi-row UPDATE. */
    public String getPricedLinesJson() {
        return CaravanJson.write(pricedLines);
    }

    static String hash(PlaceOrderRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CaravanJson.write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
