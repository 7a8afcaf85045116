package io.caravan.common.rest;

import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Header filter of the REST endpoints (the servlet component in caravan-common.yml, and {@link RestHttpBinding}):
 * a response carries only the headers of the contract, never a request header or an internal one echoed back.
 */
@Component("responseHeaderFilter")
public class ResponseHeaderFilter implements HeaderFilterStrategy {

    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "location", "idempotency-replayed", "retry-after");

    /** Camel → HTTP response: true means filtered out. */
    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !RESPONSE_HEADERS.contains(name.toLowerCase());
    }

    /** HTTP request → Camel: keep every request header except Camel's own namespace. */
    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        String lower = name.toLowerCase();
        return lower.startsWith("camel") || lower.startsWith("org.apache.camel");
    }
}
