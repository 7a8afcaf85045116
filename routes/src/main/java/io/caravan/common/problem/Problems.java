package io.caravan.common.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.Exchange;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes RFC 9457 problem documents onto an exchange (the routes) or a servlet response (what answers before or
 * instead of a route: filters, the error page). Never includes stack traces or SQL text.
 */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {}

    public static Map<String, Object> document(ProblemException problem) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "https://caravan.io/problems/" + problem.code().toLowerCase().replace('_', '-'));
        doc.put("title", title(problem.status()));
        doc.put("status", problem.status());
        doc.put("detail", problem.detail());
        doc.put("code", problem.code());
        doc.putAll(problem.extensions());
        return doc;
    }

    public static void write(Exchange exchange, ProblemException problem) {
        var message = exchange.getMessage();
        try {
            message.setBody(MAPPER.writeValueAsString(document(problem)));
        } catch (JsonProcessingException e) {
            message.setBody("{\"status\":" + problem.status() + ",\"code\":\"" + problem.code() + "\"}");
        }
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
    }

    /** The problem as the whole answer of a servlet response that nothing has been written to yet. */
    public static void write(HttpServletResponse response, ProblemException problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(CONTENT_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(MAPPER.writeValueAsString(document(problem)));
    }

    /** The problem for whatever an exchange failed with: a {@link ProblemException} as is, anything else as a 500. */
    public static ProblemException of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return problem;
            }
        }
        return new ProblemException(500, "INTERNAL_ERROR", "An unexpected error occurred; it has been logged");
    }

    private static String title(int status) {
        HttpStatus resolved = HttpStatus.resolve(status);
        return resolved != null ? resolved.getReasonPhrase() : "Error";
    }
}
