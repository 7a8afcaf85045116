package io.caravan.user;

/** Internal endpoint names and route ids of user-app that routes and tests refer to. */
public final class UserEndpoints {

    public static final String CREATE_USER = "direct:user-create";
    public static final String CREATE_USER_TX = "direct:user-create-tx";
    public static final String GET_USER = "direct:user-get";

    public static final String ROUTE_CREATE_USER = "user-user-create";
    public static final String ROUTE_CREATE_USER_TX = "user-user-create-tx";
    public static final String ROUTE_GET_USER = "user-user-get";

    private UserEndpoints() {}
}
