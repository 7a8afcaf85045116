package io.caravan.catalog;

/** Internal endpoint names and route ids of catalog-app that routes and tests refer to. */
public final class CatalogEndpoints {

    public static final String CREATE_PRODUCT = "direct:catalog-product-create";
    public static final String CREATE_PRODUCT_TX = "direct:catalog-product-create-tx";
    public static final String GET_PRODUCT = "direct:catalog-product-get";
    public static final String LIST_PRODUCTS = "direct:catalog-product-list";
    public static final String UPDATE_PRODUCT = "direct:catalog-product-update";
    public static final String UPDATE_PRODUCT_TX = "direct:catalog-product-update-tx";
    public static final String RESTOCK_PRODUCT = "direct:catalog-product-restock";
    public static final String RESTOCK_PRODUCT_TX = "direct:catalog-product-restock-tx";
    public static final String POPULAR_PRODUCTS = "direct:catalog-product-popular";

    public static final String RESERVE_STOCK = "direct:catalog-stock-reserve";
    public static final String RESERVE_STOCK_TX = "direct:catalog-stock-reserve-tx";
    public static final String RELEASE_STOCK = "direct:catalog-stock-release";
    public static final String RELEASE_STOCK_TX = "direct:catalog-stock-release-tx";
    public static final String CONFIRM_STOCK = "direct:catalog-stock-confirm";

    public static final String RECORD_SALES = "direct:catalog-sales-record";

    public static final String ROUTE_CREATE_PRODUCT = "catalog-product-create";
    public static final String ROUTE_CREATE_PRODUCT_TX = "catalog-product-create-tx";
    public static final String ROUTE_GET_PRODUCT = "catalog-product-get";
    public static final String ROUTE_LIST_PRODUCTS = "catalog-product-list";
    public static final String ROUTE_UPDATE_PRODUCT = "catalog-product-update";
    public static final String ROUTE_UPDATE_PRODUCT_TX = "catalog-product-update-tx";
    public static final String ROUTE_RESTOCK_PRODUCT = "catalog-product-restock";
    public static final String ROUTE_RESTOCK_PRODUCT_TX = "catalog-product-restock-tx";
    public static final String ROUTE_POPULAR_PRODUCTS = "catalog-product-popular";

    public static final String ROUTE_RESERVE_STOCK = "catalog-stock-reserve";
    public static final String ROUTE_RESERVE_STOCK_TX = "catalog-stock-reserve-tx";
    public static final String ROUTE_RELEASE_STOCK = "catalog-stock-release";
    public static final String ROUTE_RELEASE_STOCK_TX = "catalog-stock-release-tx";
    public static final String ROUTE_CONFIRM_STOCK = "catalog-stock-confirm";

    public static final String ROUTE_CONSUME_SALES = "catalog-sales-consume";
    public static final String ROUTE_RECORD_SALES = "catalog-sales-record";

    /**
     * The consumer name of the sales consumer in {@code processed_event} ({@code add-daily-sales.sql} writes it in
     * its statement); its Kafka group.
     */
    public static final String SALES_CONSUMER = "catalog-sales";
    public static final String SALES_GROUP = "catalog-app-sales";

    private CatalogEndpoints() {}
}
