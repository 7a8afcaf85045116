package io.caravan.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.caravan.common.problem.ProblemException;

/**
 * The rules of stock reservations, without Camel or SQL: what the outcome of the conditional updates means,
 * and which answer each reservation status gives to a repeated or late reserve, release or confirm.
 */
public final class StockReservations {

    public static final String RESERVED = "RESERVED";
    public static final String RELEASED = "RELEASED";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String TOMBSTONE = "TOMBSTONE";

    private StockReservations() {}

    /** What one line's conditional update did, from a row of reserve-lines.sql. */
    public record LineOutcome(long productId, int quantity, boolean exists, boolean reserved, long unitPrice) {

        public static LineOutcome of(Map<String, Object> row) {
            boolean reserved = Boolean.TRUE.equals(row.get("reserved"));
            long unitPrice = reserved ? ((Number) row.get("unit_price")).longValue() : 0;
            long productId = ((Number) row.get("product_id")).longValue();
            int quantity = ((Number) row.get("quantity")).intValue();
            return new LineOutcome(productId, quantity, Boolean.TRUE.equals(row.get("product_exists")), reserved, unitPrice);
        }

        public static List<LineOutcome> ofRows(List<Map<String, Object>> rows) {
            return rows.stream().map(LineOutcome::of).toList();
        }
    }

    /** The new reservation when every line was taken; otherwise the refusal (the transaction then rolls back). */
    public static StockReservation reserved(String orderId, List<LineOutcome> outcomes) {
        List<Long> missing = outcomes.stream().filter(o -> !o.exists()).map(LineOutcome::productId).sorted().toList();
        if (!missing.isEmpty()) {
            throw ProblemException.notFound("PRODUCT_NOT_FOUND", "No product with id(s) " + missing).with("productIds", missing);
        }
        List<Long> short_ = outcomes.stream().filter(o -> !o.reserved()).map(LineOutcome::productId).sorted().toList();
        if (!short_.isEmpty()) {
            throw ProblemException.conflict("INSUFFICIENT_STOCK", "Not enough stock for product(s) " + short_)
                    .with("productIds", short_);
        }
        List<StockReservation.Item> items = outcomes.stream()
                .map(o -> StockReservation.Item.of(o.productId(), o.quantity(), o.unitPrice()))
                .toList();
        return StockReservation.of(orderId, RESERVED, items);
    }

    /** A reservation request for an order id the catalog has seen before: the stored reservation, or a refusal. */
    public static StockReservation existing(String orderId, List<Map<String, Object>> rows) {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalStateException("Reservation " + orderId + " vanished while it was being read");
        }
        String status = (String) rows.get(0).get("status");
        if (RELEASED.equals(status) || TOMBSTONE.equals(status)) {
            throw released(orderId);
        }
        List<StockReservation.Item> items = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            items.add(StockReservation.Item.of(((Number) row.get("product_id")).longValue(),
                    ((Number) row.get("quantity")).intValue(), ((Number) row.get("unit_price")).longValue()));
        }
        return StockReservation.of(orderId, status, items);
    }

    /** A release that did not move a reservation from RESERVED: repeated (same answer) or too late. */
    public static StockReservation.State releaseOf(String orderId, String status) {
        if (CONFIRMED.equals(status)) {
            throw ProblemException.conflict("RESERVATION_CONFIRMED", "The reservation of this order is already confirmed")
                    .with("orderId", orderId);
        }
        if (RELEASED.equals(status) || TOMBSTONE.equals(status)) {
            return new StockReservation.State(orderId, status);
        }
        throw new IllegalStateException("Reservation " + orderId + " is " + status + " after its release failed");
    }

    /** A confirmation that did not move a reservation from RESERVED: repeated (same answer), released or unknown. */
    public static StockReservation.State confirmationOf(String orderId, String status) {
        if (status == null) {
            throw ProblemException.notFound("RESERVATION_NOT_FOUND", "No stock reservation for this order").with("orderId", orderId);
        }
        if (RELEASED.equals(status) || TOMBSTONE.equals(status)) {
            throw released(orderId);
        }
        if (CONFIRMED.equals(status)) {
            return new StockReservation.State(orderId, CONFIRMED);
        }
        throw new IllegalStateException("Reservation " + orderId + " is " + status + " after its confirmation failed");
    }

    private static ProblemException released(String orderId) {
        return ProblemException.conflict("RESERVATION_RELEASED", "The reservation of this order was released").with("orderId", orderId);
    }
}
