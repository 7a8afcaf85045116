package io.caravan.common.rest;

import java.util.List;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.problem.ProblemException.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Strict request reading: every wrong input is a 400 VALIDATION_FAILED naming the field, never a coercion. */
class RequestReaderTest {

    enum Policy { REQUIRED, OPTIONAL }

    record Line(@NotNull Long productId, @NotNull @Min(1) @Max(1000) Integer quantity) {}

    record PlaceOrder(@NotNull @Min(1) Long userId, @NotNull @Size(min = 1, max = 50) List<@Valid Line> items, Policy couponPolicy) {}

    private final DefaultCamelContext context = new DefaultCamelContext();

    @Test
    void shouldReadBodyWhenEveryFieldIsValid() {
        PlaceOrder order = RequestReader.body(exchange("{\"userId\":1,\"items\":[{\"productId\":10,\"quantity\":2}],\"couponPolicy\":\"OPTIONAL\"}"),
                PlaceOrder.class);

        assertThat(order).isEqualTo(new PlaceOrder(1L, List.of(new Line(10L, 2)), Policy.OPTIONAL));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "string for a long              | {\"userId\":\"1\",\"items\":[{\"productId\":10,\"quantity\":2}]}                    | userId",
        "fraction for a long            | {\"userId\":1.5,\"items\":[{\"productId\":10,\"quantity\":2}]}                      | userId",
        "long beyond its range          | {\"userId\":99999999999999999999,\"items\":[{\"productId\":10,\"quantity\":2}]}     | userId",
        "int beyond its range in a list | {\"userId\":1,\"items\":[{\"productId\":10,\"quantity\":3000000000}]}             | items[0].quantity",
        "string for an int in a list    | {\"userId\":1,\"items\":[{\"productId\":10,\"quantity\":2},{\"productId\":11,\"quantity\":\"2\"}]} | items[1].quantity",
        "fraction for an int            | {\"userId\":1,\"items\":[{\"productId\":10,\"quantity\":2.0}]}                    | items[0].quantity",
        "unknown enum value             | {\"userId\":1,\"items\":[{\"productId\":10,\"quantity\":2}],\"couponPolicy\":\"MAYBE\"} | couponPolicy",
        "number for an enum             | {\"userId\":1,\"items\":[{\"productId\":10,\"quantity\":2}],\"couponPolicy\":0}   | couponPolicy",
        "object for a list              | {\"userId\":1,\"items\":{\"productId\":10}}                                       | items",
        "out of range by validation     | {\"userId\":1,\"items\":[{\"productId\":10,\"quantity\":0}]}                      | items[0].quantity",
        "missing required field         | {\"items\":[{\"productId\":10,\"quantity\":2}]}                                   | userId",
        "empty list                     | {\"userId\":1,\"items\":[]}                                                       | items",
    })
    void shouldNameTheFieldWhenAFieldIsWrong(String why, String body, String field) {
        ProblemException problem = refused(body);

        assertThat(problem.extensions().get("errors")).asList().extracting("field").contains(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"userId\":1} trailing",
        "{\"userId\":1}{\"userId\":2}",
        "{\"userId\":1,",
        "{\"userId\":1,\"userId\":2}",
        "[{\"userId\":1}]",
        "\"a string\"",
        "42",
        "null",
        "",
        "   ",
    })
    void shouldRefuseTheBodyWhenItIsNotOneJsonObject(String body) {
        ProblemException problem = refused(body);

        assertThat(problem.extensions().get("errors")).asList().extracting("field").containsExactly("body");
    }

    @Test
    void shouldListEveryViolationSortedByFieldWhenSeveralFieldsAreInvalid() {
        ProblemException problem = refused("{\"userId\":0,\"items\":[{\"productId\":null,\"quantity\":1001}]}");

        @SuppressWarnings("unchecked")
        List<FieldError> errors = (List<FieldError>) problem.extensions().get("errors");
        assertThat(errors).extracting(FieldError::field).containsExactly("items[0].productId", "items[0].quantity", "userId");
        assertThat(problem.detail()).startsWith("items[0].productId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "99999999999999999999", ""})
    void shouldRefuseAPathIdWhenItIsNotAPositiveWholeNumber(String raw) {
        Exchange exchange = exchange(null);
        exchange.getMessage().setHeader("userId", raw);

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> RequestReader.id(exchange, "userId"));

        assertThat(problem.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.extensions().get("errors")).asList().extracting("field").containsExactly("userId");
    }

    @Test
    void shouldReadAPathIdWhenItIsAPositiveWholeNumber() {
        Exchange exchange = exchange(null);
        exchange.getMessage().setHeader("userId", "9223372036854775807");

        assertThat(RequestReader.id(exchange, "userId")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldUseTheFallbackWhenAQueryParameterIsAbsentAndRefuseItOutOfBounds() {
        Exchange exchange = exchange(null);
        assertThat(RequestReader.intParam(exchange, "limit", 1, 100, 20)).isEqualTo(20);

        exchange.getMessage().setHeader("limit", "101");
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> RequestReader.intParam(exchange, "limit", 1, 100, 20));
        assertThat(problem.status()).isEqualTo(400);

        exchange.getMessage().setHeader("limit", "100");
        assertThat(RequestReader.intParam(exchange, "limit", 1, 100, 20)).isEqualTo(100);
    }

    private ProblemException refused(String body) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> RequestReader.body(exchange(body), PlaceOrder.class));
        assertThat(problem).as("refused: %s", body).isNotNull();
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("VALIDATION_FAILED");
        return problem;
    }

    private Exchange exchange(String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
