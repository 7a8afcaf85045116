package io.caravan.catalog;

/** Names of the headers and exchange properties the catalog routes pass between their steps. */
final class CatalogHeaders {

    /** Exchange property: the canonical order id of a reservation request. */
    static final String ORDER_ID = "orderId";
    /** Exchange property: a reservation request's lines as a JSON array, for reserve-lines.sql. */
    static final String RESERVATION_LINES = "reservationLines";
    /** Header: the product id from the path, as a number. */
    static final String PRODUCT_ID = "productId";
    /** Header: the UTC day an OrderCompleted counts for. */
    static final String SALES_DAY = "salesDay";

    private CatalogHeaders() {}
}
