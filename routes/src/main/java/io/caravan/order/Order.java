package io.caravan.order;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.caravan.common.rest.CaravanJson;

/**
 * An order as API.md shows it; {@code coupon} only when one was given, {@code failure} once a step failed
 * (a FAILED order, or one still COMPENSATING).
 */
public record Order(
        String orderId,
        String status,
        long userId,
        List<Item> items,
        long totalAmount,
        long pointsUsed,
        long discountAmount,
        long paidAmount,
        Coupon coupon,
        String requestId,
        Instant createdAt,
        Instant completedAt,
        Failure failure) {

    public record Item(long productId, int quantity, Long unitPrice, Long lineAmount) {}

    public record Coupon(long issuedCouponId, boolean applied, String skippedReason) {}

    public record Failure(String code, String detail) {}

    private static final TypeReference<List<Item>> ITEMS = new TypeReference<>() {};

    /** A row of {@code sql/order/select-order.sql} (items aggregated as JSON text). */
    public static Order fromRow(Map<String, Object> row) throws JsonProcessingException {
        Object issuedCouponId = row.get("issued_coupon_id");
        String items = (String) row.get("items");
        String failureCode = (String) row.get("failure_code");
        return new Order(
                row.get("id").toString(),
                (String) row.get("status"),
                number(row, "user_id"),
                items == null ? List.of() : CaravanJson.MAPPER.readValue(items, ITEMS),
                number(row, "total_amount"),
                number(row, "points_used"),
                number(row, "discount_amount"),
                number(row, "paid_amount"),
                issuedCouponId == null ? null : new Coupon(((Number) issuedCouponId).longValue(),
                        Boolean.TRUE.equals(row.get("coupon_applied")), (String) row.get("coupon_skipped_reason")),
                (String) row.get("request_id"),
                instant(row, "created_at"),
                instant(row, "completed_at"),
                failureCode != null && !"COMPLETED".equals(row.get("status"))
                        ? new Failure(failureCode, (String) row.get("failure_detail")) : null);
    }

    /** Rows of {@code sql/order/select-user-orders.sql} as {@code {"items": [Order]}}. */
    public static Map<String, Object> list(List<Map<String, Object>> rows) throws JsonProcessingException {
        List<Order> orders = new java.util.ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            orders.add(fromRow(row));
        }
        return Map.of("items", orders);
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static Instant instant(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Timestamp) value).toInstant();
    }
}
