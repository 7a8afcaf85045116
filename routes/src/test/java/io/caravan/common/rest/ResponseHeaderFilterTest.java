package io.caravan.common.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Responses carry only the contract's headers; requests may not smuggle in Camel's own headers. */
class ResponseHeaderFilterTest {

    private final ResponseHeaderFilter filter = new ResponseHeaderFilter();

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "content-type", "Location", "Idempotency-Replayed", "Retry-After"})
    void shouldKeepResponseHeaderWhenItIsPartOfTheContract(String name) {
        assertThat(filter.applyFilterToCamelHeaders(name, "v", null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"User-Agent", "Accept", "userId", "X-Caravan-Service-Token", "Idempotency-Key", "CamelHttpUri", "kafka.KEY"})
    void shouldDropResponseHeaderWhenItIsARequestOrInternalHeader(String name) {
        assertThat(filter.applyFilterToCamelHeaders(name, "v", null)).isTrue();
    }

    @Test
    void shouldDropRequestHeaderWhenItIsInCamelsNamespace() {
        assertThat(filter.applyFilterToExternalHeaders("CamelSqlQuery", "DROP TABLE users", null)).isTrue();
        assertThat(filter.applyFilterToExternalHeaders("org.apache.camel.Anything", "x", null)).isTrue();
        assertThat(filter.applyFilterToExternalHeaders("Idempotency-Key", "abc", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("X-Caravan-Service-Token", "t", null)).isFalse();
    }
}
