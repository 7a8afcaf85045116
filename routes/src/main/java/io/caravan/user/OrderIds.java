package io.caravan.user;

import org.apache.camel.Exchange;

import io.caravan.common.problem.ProblemException;

/** orderIds are UUID strings (API.md); a path orderId that is not one is a {@code 400 VALIDATION_FAILED}. */
public final class OrderIds {

    public static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private OrderIds() {}

    /** The path parameter {@code name} as a lower-case UUID string. */
    public static String path(Exchange exchange, String name) {
        String raw = exchange.getMessage().getHeader(name, String.class);
        if (raw == null || !raw.matches(UUID_PATTERN)) {
            throw ProblemException.validation(name, "must be a UUID");
        }
        return raw.toLowerCase();
    }
}
