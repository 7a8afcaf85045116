package io.caravan.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure that reaches a client as an RFC 9457 problem document: HTTP status, a machine-readable
 * {@code code} from API.md, a human {@code detail}, and optional extension members (e.g. {@code orderId}).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ProblemException(int status, String code, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** The same problem with one more extension member (e.g. the {@code orderId} of a failed order). */
    public ProblemException with(String name, Object value) {
        Map<String, Object> ext = new LinkedHashMap<>(extensions);
        ext.put(name, value);
        return new ProblemException(status, code, detail(), ext);
    }

    public static ProblemException validation(List<FieldError> errors) {
        String detail = errors.isEmpty() ? "The request is not valid" : errors.get(0).field() + ": " + errors.get(0).message();
        return new ProblemException(400, "VALIDATION_FAILED", detail, Map.of("errors", errors));
    }

    public static ProblemException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "SERVICE_UNAVAILABLE", detail);
    }

    public record FieldError(String field, String message) {}
}
