package io.caravan.order.coupon;

/** Internal endpoint names, route ids and exchange properties of order-app's coupons that routes and tests refer to. */
public final class CouponEndpoints {

    public static final String CREATE_COUPON = "direct:order-coupon-create";
    public static final String GET_COUPON = "direct:order-coupon-get";
    public static final String ISSUE_COUPON = "direct:order-coupon-issue";
    public static final String ISSUE_COUPON_TX = "direct:order-coupon-issue-tx";
    public static final String LIST_USER_COUPONS = "direct:order-user-coupon-list";
    public static final String WELCOME_COUPON_TX = "direct:order-coupon-welcome-tx";
    /** user-app's {@code GET /users/{userId}} for the user in exchange property {@link #USER_ID}. */
    public static final String USER_GET = "direct:user-get-user";

    public static final String ROUTE_CREATE_COUPON = "order-coupon-create";
    public static final String ROUTE_GET_COUPON = "order-coupon-get";
    public static final String ROUTE_ISSUE_COUPON = "order-coupon-issue";
    public static final String ROUTE_ISSUE_COUPON_TX = "order-coupon-issue-tx";
    public static final String ROUTE_LIST_USER_COUPONS = "order-user-coupon-list";
    public static final String ROUTE_WELCOME_COUPON = "order-coupon-welcome";
    public static final String ROUTE_WELCOME_COUPON_TX = "order-coupon-welcome-tx";
    public static final String ROUTE_USER_GET = "order-client-user-get";

    /** Consumer name in {@code processed_event} and Kafka consumer group of the welcome coupon. */
    public static final String WELCOME_CONSUMER = "order-app-welcome-coupon";

    /** Exchange properties: they survive the internal call, which replaces headers and body. */
    public static final String COUPON_ID = "couponId";
    public static final String USER_ID = "userId";
    public static final String ISSUED_ROW = "caravanIssuedCouponRow";

    private CouponEndpoints() {}
}
