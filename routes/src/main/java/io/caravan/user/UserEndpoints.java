package io.caravan.user;

/** Internal endpoint names and route ids of user-app that routes and tests refer to. */
public final class UserEndpoints {

    public static final String CREATE_USER = "direct:user-create";
    public static final String CREATE_USER_TX = "direct:user-create-tx";
    public static final String GET_USER = "direct:user-get";
    public static final String REQUIRE_USER = "direct:user-require";

    public static final String GET_POINTS = "direct:user-points-get";
    public static final String CHARGE_POINTS = "direct:user-points-charge";
    public static final String CHARGE_POINTS_TX = "direct:user-points-charge-tx";
    public static final String GET_POINT_HISTORY = "direct:user-point-history-get";

    public static final String DEDUCT_POINTS = "direct:user-point-deduction-create";
    public static final String DEDUCT_POINTS_TX = "direct:user-point-deduction-create-tx";
    public static final String REFUND_POINTS = "direct:user-point-deduction-refund";
    public static final String REFUND_POINTS_TX = "direct:user-point-deduction-refund-tx";
    public static final String APPLY_REFUND = "direct:user-point-deduction-refund-apply";

    public static final String LIST_NOTIFICATIONS = "direct:user-notifications-list";
    public static final String RECORD_NOTIFICATION = "direct:user-notification-record";
    public static final String DELIVER_NOTIFICATION = "direct:user-notification-deliver";
    public static final String PUSH_NOTIFICATION = "direct:user-notification-push";
    public static final String SEND_NOTIFICATION = "direct:user-notification-send";
    public static final String REDELIVER_NOTIFICATIONS = "direct:user-notifications-redeliver";

    public static final String ROUTE_CREATE_USER = "user-user-create";
    public static final String ROUTE_CREATE_USER_TX = "user-user-create-tx";
    public static final String ROUTE_GET_USER = "user-user-get";
    public static final String ROUTE_REQUIRE_USER = "user-user-require";

    public static final String ROUTE_GET_POINTS = "user-points-get";
    public static final String ROUTE_CHARGE_POINTS = "user-points-charge";
    public static final String ROUTE_CHARGE_POINTS_TX = "user-points-charge-tx";
    public static final String ROUTE_GET_POINT_HISTORY = "user-point-history-get";

    public static final String ROUTE_DEDUCT_POINTS = "user-point-deduction-create";
    public static final String ROUTE_DEDUCT_POINTS_TX = "user-point-deduction-create-tx";
    public static final String ROUTE_REFUND_POINTS = "user-point-deduction-refund";
    public static final String ROUTE_REFUND_POINTS_TX = "user-point-deduction-refund-tx";
    public static final String ROUTE_APPLY_REFUND = "user-point-deduction-refund-apply";

    public static final String ROUTE_LIST_NOTIFICATIONS = "user-notifications-list";
    public static final String ROUTE_CONSUME_ORDER_EVENTS = "user-notification-consume";
    public static final String ROUTE_RECORD_NOTIFICATION = "user-notification-record";
    public static final String ROUTE_DELIVER_NOTIFICATION = "user-notification-deliver";
    public static final String ROUTE_PUSH_NOTIFICATION = "user-notification-push";
    public static final String ROUTE_SEND_NOTIFICATION = "user-notification-send";
    public static final String ROUTE_REDELIVERY_TIMER = "user-notifications-redelivery-timer";
    public static final String ROUTE_REDELIVER_NOTIFICATIONS = "user-notifications-redeliver";

    /** Kafka consumer group and processed_event consumer name of the notification consumer. */
    public static final String NOTIFICATION_GROUP = "user-app-notifications";

    private UserEndpoints() {}
}
