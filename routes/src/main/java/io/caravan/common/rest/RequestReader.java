package io.caravan.common.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.apache.camel.Exchange;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.problem.ProblemException.FieldError;

/**
 * Reads and validates request input: the JSON body into a record (strict types, then Bean Validation) and
 * path/query parameters into numbers. Every failure is a {@code 400 VALIDATION_FAILED} with field errors,
 * raised before anything is changed.
 */
public final class RequestReader {

    private static final ValidatorFactory VALIDATORS = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    private static final Validator VALIDATOR = VALIDATORS.getValidator();

    private RequestReader() {}

    /** The exchange's body as a validated {@code type}. */
    public static <T> T body(Exchange exchange, Class<T> type) {
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw ProblemException.validation("body", "a JSON object is required");
        }
        JsonNode tree;
        try {
            tree = CaravanJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ProblemException.validation("body", "malformed JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw ProblemException.validation("body", "must be a JSON object");
        }
        T value;
        try {
            value = CaravanJson.MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw ProblemException.validation(fieldOf(e), messageOf(e));
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation("body", "is not valid");
        }
        validate(value);
        return value;
    }

    public static <T> void validate(T value) {
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(value);
        if (!violations.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<T> v : violations) {
                errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
            }
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
            throw ProblemException.validation(errors);
        }
    }

    /** A positive whole-number id from a path or query parameter. */
    public static long id(Exchange exchange, String name) {
        Object raw = exchange.getMessage().getHeader(name);
        return parseLong(name, raw == null ? null : raw.toString(), 1, Long.MAX_VALUE, null);
    }

    /** An optional whole-number query parameter within {@code [min, max]}, or {@code fallback} when absent. */
    public static int intParam(Exchange exchange, String name, int min, int max, int fallback) {
        Object raw = exchange.getMessage().getHeader(name);
        return (int) parseLong(name, raw == null ? null : raw.toString(), min, max, (long) fallback);
    }

    private static long parseLong(String name, String raw, long min, long max, Long fallback) {
        if (raw == null || raw.isEmpty()) {
            if (fallback != null) {
                return fallback;
            }
            throw ProblemException.validation(name, "is required");
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ProblemException.validation(name, "must be a whole number");
        }
        if (value < min || value > max) {
            throw ProblemException.validation(name, "must be between " + min + " and " + max);
        }
        return value;
    }

    private static String fieldOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.toString();
        }
        return "body";
    }

    private static String messageOf(JsonProcessingException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return "must be one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            return "number out of range";
        }
        if (e instanceof ValueInstantiationException) {
            return "is not valid";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "wrong type: expected " + describe(mismatched.getTargetType());
        }
        return "is not valid";
    }

    private static String describe(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
