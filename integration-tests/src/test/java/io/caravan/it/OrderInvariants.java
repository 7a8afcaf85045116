package io.caravan.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The books every finished set of orders must balance, read across the three services (public HTTP where the
 * contract shows it, the services' own databases over JDBC where it does not):
 * <ul>
 * <li>per product: initial + restocked = available + sold, where sold is what the COMPLETED orders bought, and
 * the catalog holds nothing reserved;</li>
 * <li>per user: charged - used + refunded = balance (from the points history), and used - refunded = the points
 * of the COMPLETED orders;</li>
 * <li>a coupon is USED by exactly one COMPLETED order that applied it, or is AVAILABLE;</li>
 * <li>nothing is reserved, deducted or charged for a FAILED order; a COMPLETED order's reservation is
 * confirmed and its payment captured.</li>
 * </ul>
 */
final class OrderInvariants {

    private OrderInvariants() {}

    /**
     * @param received per product: initial stock + every restock
     * @param issuedCoupons the issued coupons the orders may have used
     */
    static void assertBalanced(Shop shop, List<Map<String, Object>> orders, Map<Long, Long> received, List<Long> users,
            List<Long> issuedCoupons) {
        SoftAssertions soft = new SoftAssertions();
        for (Map<String, Object> order : orders) {
            soft.assertThat(order.get("status")).as("order %s", order.get("id")).isIn("COMPLETED", "FAILED");
        }
        for (Map.Entry<Long, Long> product : received.entrySet()) {
            long productId = product.getKey();
            long sold = shop.count(App.ORDER, "SELECT COALESCE(sum(i.quantity), 0) FROM order_item i JOIN orders o ON o.id = i.order_id "
                    + "WHERE i.product_id = ? AND o.status = 'COMPLETED'", productId);
            soft.assertThat(shop.stock(productId) + sold).as("product %d: available + sold", productId).isEqualTo(product.getValue());
            Map<String, Object> books = shop.rows(App.CATALOG, "SELECT reserved, sold FROM product WHERE id = ?", productId).get(0);
            soft.assertThat(books).as("product %d books", productId).containsEntry("reserved", 0L).containsEntry("sold", sold);
        }
        for (long userId : users) {
            assertPoints(shop, soft, userId);
        }
        for (long issuedCouponId : issuedCoupons) {
            assertCoupon(shop, soft, issuedCouponId);
        }
        for (Map<String, Object> order : orders) {
            assertParticipants(shop, soft, order);
        }
        soft.assertAll();
    }

    private static void assertPoints(Shop shop, SoftAssertions soft, long userId) {
        Map<String, Long> sums = new HashMap<>();
        for (JsonNode entry : shop.history(userId)) {
            sums.merge(entry.path("type").asText(), entry.path("amount").asLong(), Long::sum);
        }
        long charged = sums.getOrDefault("CHARGE", 0L);
        long used = sums.getOrDefault("USE", 0L);
        long refunded = sums.getOrDefault("REFUND", 0L);
        soft.assertThat(charged - used + refunded).as("user %d: charged - used + refunded", userId).isEqualTo(shop.balance(userId));
        long completedPoints = shop.count(App.ORDER, "SELECT COALESCE(sum(points_used), 0) FROM orders WHERE user_id = ? AND status = 'COMPLETED'", userId);
        soft.assertThat(used - refunded).as("user %d: points kept = points of completed orders", userId).isEqualTo(completedPoints);
    }

    private static void assertCoupon(Shop shop, SoftAssertions soft, long issuedCouponId) {
        Map<String, Object> coupon = shop.rows(App.ORDER, "SELECT status, order_id::text AS order_id FROM issued_coupon WHERE id = ?",
                issuedCouponId).get(0);
        List<Map<String, Object>> applied = shop.rows(App.ORDER, "SELECT id::text AS id FROM orders WHERE issued_coupon_id = ? "
                + "AND status = 'COMPLETED' AND coupon_applied", issuedCouponId);
        if ("USED".equals(coupon.get("status"))) {
            soft.assertThat(applied).as("coupon %d used by exactly one completed order", issuedCouponId).hasSize(1);
            soft.assertThat(applied).as("coupon %d", issuedCouponId).extracting(o -> o.get("id")).containsOnly(coupon.get("order_id"));
        } else {
            soft.assertThat(coupon.get("status")).as("coupon %d", issuedCouponId).isEqualTo("AVAILABLE");
            soft.assertThat(applied).as("completed orders with the available coupon %d", issuedCouponId).isEmpty();
        }
    }

    private static void assertParticipants(Shop shop, SoftAssertions soft, Map<String, Object> order) {
        String orderId = (String) order.get("id");
        List<Map<String, Object>> reservation = shop.rows(App.CATALOG, "SELECT status FROM stock_reservation WHERE order_id = ?::uuid", orderId);
        String reserved = reservation.isEmpty() ? null : (String) reservation.get(0).get("status");
        long uses = 0;
        long refunds = 0;
        for (JsonNode entry : shop.history(((Number) order.get("user_id")).longValue())) {
            if (orderId.equals(entry.path("orderId").asText())) {
                uses += "USE".equals(entry.path("type").asText()) ? 1 : 0;
                refunds += "REFUND".equals(entry.path("type").asText()) ? 1 : 0;
            }
        }
        List<Map<String, Object>> payment = shop.rows(App.ORDER, "SELECT status FROM sandbox_payment WHERE order_id = ?", orderId);
        String paid = payment.isEmpty() ? null : (String) payment.get(0).get("status");
        if ("FAILED".equals(order.get("status"))) {
            soft.assertThat(reserved).as("reservation of failed order %s", orderId).isIn(null, "RELEASED", "TOMBSTONE");
            soft.assertThat(uses - refunds).as("points kept by failed order %s", orderId).isZero();
            soft.assertThat(paid).as("payment of failed order %s", orderId).isIn(null, "VOIDED");
        } else {
            soft.assertThat(reserved).as("reservation of completed order %s", orderId).isEqualTo("CONFIRMED");
            soft.assertThat(refunds).as("refunds of completed order %s", orderId).isZero();
            soft.assertThat(paid).as("payment of completed order %s", orderId)
                    .isEqualTo(((Number) order.get("paid_amount")).longValue() > 0 ? "CAPTURED" : null);
        }
        soft.assertThat(uses).as("deductions of order %s", orderId).isLessThanOrEqualTo(1);
        soft.assertThat(refunds).as("refunds of order %s", orderId).isLessThanOrEqualTo(1);
    }
}
