package io.caravan.common.rest;

import java.io.IOException;
import java.util.stream.Collectors;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.apache.camel.http.common.CamelServlet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.problem.Problems;

/**
 * The error page as an RFC 9457 problem, in place of Spring Boot's whitelabel JSON. The REST API is the Camel
 * servlet's: for a path no route serves it answers {@code 404}, for a method the path does not take {@code 405}
 * (with {@code sendError}); the servlet container then forwards here, as it does for any other error that
 * happened before a route could write its own problem, and for Spring MVC's own errors under {@code /actuator}.
 * A {@code 405} names the methods the path does take in {@code Allow} (RFC 9110), as the Camel servlet
 * resolves them.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    private final ObjectProvider<CamelHttpTransportServlet> camelServlet;

    public ProblemErrorController(ObjectProvider<CamelHttpTransportServlet> camelServlet) {
        this.camelServlet = camelServlet;
    }

    @RequestMapping
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemException problem = problemOf(request);
        CamelHttpTransportServlet servlet = camelServlet.getIfAvailable();
        // Spring MVC sets Allow itself on its own 405s (under /actuator); the Camel servlet does not
        if (problem.status() == 405 && servlet != null && !response.containsHeader(HttpHeaders.ALLOW)) {
            response.setHeader(HttpHeaders.ALLOW, allowedMethods(servlet, request));
        }
        Problems.write(response, problem);
    }

    /** The methods the Camel servlet serves on the path of the request that failed. */
    private static String allowedMethods(CamelHttpTransportServlet servlet, HttpServletRequest errorDispatch) {
        Object uri = errorDispatch.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? "" : uri.toString().substring(errorDispatch.getContextPath().length());
        HttpServletRequest failed = new HttpServletRequestWrapper(errorDispatch) {
            @Override
            public String getPathInfo() {
                return path;
            }
        };
        // HEAD is served wherever GET is (HeadAsGetFilter); OPTIONS by the servlet itself on every path it serves
        return CamelServlet.METHODS.stream()
                .filter(method -> switch (method) {
                    case "OPTIONS" -> true;
                    case "HEAD" -> allows(servlet, failed, "GET");
                    default -> allows(servlet, failed, method);
                })
                .collect(Collectors.joining(", "));
    }

    private static boolean allows(CamelHttpTransportServlet servlet, HttpServletRequest request, String method) {
        return servlet.getServletResolveConsumerStrategy().isHttpMethodAllowed(request, method, servlet.getConsumers());
    }

    static ProblemException problemOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String target = request.getMethod() + " " + (uri != null ? uri : "?");
        return switch (status) {
            case 404 -> new ProblemException(404, "NOT_FOUND", "No endpoint serves " + target);
            case 405 -> new ProblemException(405, "METHOD_NOT_ALLOWED", "The path does not take this method: " + target);
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                if (status < 400 || status >= 500 || known == null) {
                    yield Problems.of(null);
                }
                yield new ProblemException(status, known.name(), known.getReasonPhrase());
            }
        };
    }
}
