package io.caravan.order;

/** Internal endpoint names, route ids and saga option names of order-app that routes and tests refer to. */
public final class OrderEndpoints {

    // REST-facing operations
    public static final String PLACE_ORDER = "direct:order-place";
    public static final String GET_ORDER = "direct:order-get";
    public static final String LIST_USER_ORDERS = "direct:order-list-by-user";
    public static final String READ_ORDER = "direct:order-read";
    public static final String ROUTE_PLACE_ORDER = "order-order-place";
    public static final String ROUTE_GET_ORDER = "order-order-get";
    public static final String ROUTE_LIST_USER_ORDERS = "order-order-list";
    public static final String ROUTE_READ_ORDER = "order-order-read";

    // the saga: one route per step, each beside its compensation
    public static final String RUN_SAGA = "direct:order-saga-run";
    public static final String PLACE_SAGA = "direct:order-saga-place";
    public static final String RECORD_FAILURE = "direct:order-saga-record-failure";
    public static final String CREATE_ORDER = "direct:order-saga-create";
    public static final String FAIL_ORDER = "direct:order-saga-fail";
    public static final String FAIL_ORDER_TX = "direct:order-saga-fail-tx";
    public static final String RESERVE_STOCK = "direct:order-saga-reserve-stock";
    public static final String RELEASE_STOCK = "direct:order-saga-release-stock";
    public static final String CONFIRM_STOCK = "direct:order-saga-confirm-stock";
    public static final String DEDUCT_POINTS = "direct:order-saga-deduct-points";
    public static final String REFUND_POINTS = "direct:order-saga-refund-points";
    public static final String APPLY_COUPON = "direct:order-saga-apply-coupon";
    public static final String RESTORE_COUPON = "direct:order-saga-restore-coupon";
    public static final String RESTORE_COUPON_TX = "direct:order-saga-restore-coupon-tx";
    public static final String PAY_BY_CARD = "direct:order-saga-pay-by-card";
    public static final String VOID_PAYMENT = "direct:order-saga-void-payment";
    public static final String COMPLETE_ORDER = "direct:order-saga-complete";
    public static final String FINISH_ORDER = "direct:order-saga-finish";
    public static final String ROUTE_RUN_SAGA = "order-saga-run";
    public static final String ROUTE_PLACE_SAGA = "order-saga-place";
    public static final String ROUTE_RECORD_FAILURE = "order-saga-record-failure";
    public static final String ROUTE_CREATE_ORDER = "order-saga-create";
    public static final String ROUTE_FAIL_ORDER = "order-saga-fail";
    public static final String ROUTE_FAIL_ORDER_TX = "order-saga-fail-tx";
    public static final String ROUTE_RESERVE_STOCK = "order-saga-reserve-stock";
    public static final String ROUTE_RELEASE_STOCK = "order-saga-release-stock";
    public static final String ROUTE_CONFIRM_STOCK = "order-saga-confirm-stock";
    public static final String ROUTE_DEDUCT_POINTS = "order-saga-deduct-points";
    public static final String ROUTE_REFUND_POINTS = "order-saga-refund-points";
    public static final String ROUTE_APPLY_COUPON = "order-saga-apply-coupon";
    public static final String ROUTE_RESTORE_COUPON = "order-saga-restore-coupon";
    public static final String ROUTE_RESTORE_COUPON_TX = "order-saga-restore-coupon-tx";
    public static final String ROUTE_PAY_BY_CARD = "order-saga-pay-by-card";
    public static final String ROUTE_VOID_PAYMENT = "order-saga-void-payment";
    public static final String ROUTE_COMPLETE_ORDER = "order-saga-complete";
    public static final String ROUTE_FINISH_ORDER = "order-saga-finish";

    // saga options: what a compensation or completion exchange carries (headers), besides Long-Running-Action
    public static final String OPTION_ORDER_ID = "orderId";
    public static final String OPTION_AMOUNT = "amount";
    public static final String OPTION_ISSUED_COUPON_ID = "issuedCouponId";

    // client routes: one per downstream operation
    public static final String CATALOG_RESERVE = "direct:catalog-reserve-stock";
    public static final String CATALOG_RELEASE = "direct:catalog-release-stock";
    public static final String CATALOG_CONFIRM = "direct:catalog-confirm-stock";
    public static final String USER_DEDUCT = "direct:user-deduct-points";
    /** user-app: GET /users/{userId} (the order's user), asked only when no points are used. */
    public static final String USER_CHECK = "direct:order-client-user-check";
    public static final String USER_REFUND = "direct:user-refund-points";
    public static final String GATEWAY_CHARGE = "direct:payment-gateway-charge";
    public static final String GATEWAY_VOID = "direct:payment-gateway-void";
    public static final String DATA_PLATFORM_SEND = "direct:data-platform-send";

    // the sandbox payment gateway and the data-platform feed
    public static final String SANDBOX_CHARGE = "direct:sandbox-payment-charge";
    public static final String SANDBOX_VOID = "direct:sandbox-payment-void";
    public static final String FEED_DATA_PLATFORM = "direct:order-data-platform-feed";
    public static final String ROUTE_SANDBOX_CHARGE = "order-sandbox-charge";
    public static final String ROUTE_SANDBOX_VOID = "order-sandbox-void";
    public static final String ROUTE_DATA_PLATFORM_CONSUMER = "order-data-platform-consume";
    public static final String ROUTE_DATA_PLATFORM_FEED = "order-data-platform-feed";

    private OrderEndpoints() {}
}
