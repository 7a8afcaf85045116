package io.caravan.catalog;

import java.util.List;

/** A reservation as the order saga sees it: the lines with the catalog price at reservation time. */
public record StockReservation(String orderId, String status, List<Item> items, long totalAmount) {

    public record Item(long productId, int quantity, long unitPrice, long lineAmount) {

        public static Item of(long productId, int quantity, long unitPrice) {
            return new Item(productId, quantity, unitPrice, unitPrice * quantity);
        }
    }

    public static StockReservation of(String orderId, String status, List<Item> items) {
        return new StockReservation(orderId, status, items, items.stream().mapToLong(Item::lineAmount).sum());
    }

    /** The answer of a release or confirmation: the order id and the reservation's status. */
    public record State(String orderId, String status) {}
}
