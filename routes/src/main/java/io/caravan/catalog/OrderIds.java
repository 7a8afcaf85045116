package io.caravan.catalog;

import java.util.UUID;

import org.apache.camel.Exchange;

import io.caravan.common.problem.ProblemException;

/** Order ids are UUID strings (API.md); the catalog keeps and answers them in canonical lower-case form. */
public final class OrderIds {

    public static final String PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    private static final java.util.regex.Pattern UUID_TEXT = java.util.regex.Pattern.compile(PATTERN);

    private OrderIds() {}

    /** The {@code orderId} path parameter, canonical, or {@code 400 VALIDATION_FAILED}. */
    public static String fromPath(Exchange exchange) {
        Object raw = exchange.getMessage().getHeader("orderId");
        String text = raw == null ? null : raw.toString();
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw ProblemException.validation("orderId", "must be a UUID");
        }
        return UUID.fromString(text).toString();
    }

    /** True for a canonical-able UUID string (used by the sales consumer, whose input is an event). */
    public static boolean isValid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches();
    }
}
