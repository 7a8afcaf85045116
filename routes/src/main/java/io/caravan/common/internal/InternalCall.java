package io.caravan.common.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.model.RouteDefinition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.caravan.common.expression.PropertyPathExpression;
import io.caravan.common.problem.ProblemException;
import io.caravan.common.rest.CaravanJson;

/**
 * The internal call block: one client route per downstream operation. The route sends the body (any object,
 * as JSON) with the shared service token, with a connect and response timeout, inside a resilience4j circuit
 * breaker (tuned under {@code camel.resilience4j.*}). A 2xx answer becomes the body as a {@code Map}; a 4xx
 * problem document from the participant is raised again as the same {@link ProblemException}; a 5xx, a
 * timeout, a refused connection or an open breaker go to the explicit fallback, which raises
 * {@code 503 SERVICE_UNAVAILABLE}. 4xx answers are business refusals and do not count against the breaker.
 *
 * <p>Use from a RouteBuilder's configure: {@code InternalCall.define(this, "direct:catalog-reserve-stock",
 * "order-client-catalog-reserve", "POST", "{{caravan.catalog.url}}", "/internal/stock/reservations")}; the
 * path is a Simple expression (e.g. {@code /internal/stock/reservations/${exchangeProperty.orderId}/release}).
 */
public final class InternalCall {

    public static final String SERVICE_NAME = "caravanDownstream";
    private static final String KEEP = "CamelRedeliver*";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private InternalCall() {}

    public static void define(RouteBuilder routes, String endpoint, String routeId, String method, String baseUrl, String path) {
        define(routes, endpoint, routeId, method, baseUrl, path, "{{caravan.http.response-timeout-ms:3000}}",
                Peer.CARAVAN);
    }

    /**
     * The same block for a system outside Caravan (e.g. the payment gateway): no service token is sent, and the
     * response timeout is the given placeholder (e.g. {@code "{{caravan.payment.timeout-ms:2000}}"}) rather than
     * the shared {@code caravan.http.response-timeout-ms}.
     */
    public static void defineExternal(RouteBuilder routes, String endpoint, String routeId, String method, String baseUrl,
            String path, String responseTimeoutMs) {
        define(routes, endpoint, routeId, method, baseUrl, path, responseTimeoutMs, Peer.EXTERNAL);
    }

    /**
     * The block for a delivery to a system outside Caravan whose answer has nothing to read (a webhook, the data
     * platform): a POST to {@code url} itself. Any 2xx accepts the delivery whatever its body ("OK", HTML, nothing);
     * a refusal whose body is no problem document is raised as {@code DOWNSTREAM_REFUSED} with its status.
     */
    public static void defineDelivery(RouteBuilder routes, String endpoint, String routeId, String url,
            String responseTimeoutMs) {
        define(routes, endpoint, routeId, "POST", url, "", responseTimeoutMs, Peer.DELIVERY);
    }

    /** Who answers a client route: what it is sent and how its answer is read. */
    private enum Peer {
        /** another Caravan service: the service token goes along, and every answer is JSON */
        CARAVAN,
        /** a system outside Caravan whose answers are read (the payment gateway): no token, answers are JSON */
        EXTERNAL,
        /** a system outside Caravan that only accepts or refuses: no token, a body that is not JSON is not read */
        DELIVERY
    }

    private static void define(RouteBuilder routes, String endpoint, String routeId, String method, String baseUrl, String path,
            String responseTimeoutMs, Peer peer) {
        RouteDefinition route = routes.from(endpoint).routeId(routeId)
                // failures go to the caller's error policy unchanged (a route's own error handler would mark them
                // exhausted, and then the caller's onException, e.g. the REST policy, would not answer them)
                .errorHandler(routes.noErrorHandler())
                .setProperty(SERVICE_NAME, routes.simple(baseUrl))
                // the request's own headers must not reach the participant (CamelHttpUri/Path/Query would even
                // redirect the call); the redelivery counters stay, or a consumer's retry policy would never end
                .removeHeaders("*", KEEP)
                .process(InternalCall::toJson)
                // the enum camel-http reads, not its name: a String would be type-converted on every call
                .setHeader(Exchange.HTTP_METHOD, routes.constant(HttpMethods.valueOf(method)))
                // paths such as /users/${exchangeProperty.order.userId} read with cached accessors, not bean OGNL
                .setHeader(Exchange.HTTP_PATH, PropertyPathExpression.template(routes.getContext(), path))
                .setHeader(Exchange.CONTENT_TYPE, routes.constant("application/json"));
        if (peer == Peer.CARAVAN) {
            route.setHeader(ServiceTokenFilter.HEADER, routes.constant("{{caravan.security.service-token}}"));
        }
        route.circuitBreaker()
                    .to(baseUrl + "?throwExceptionOnFailure=false"
                            + "&connectTimeout={{caravan.http.connect-timeout-ms:1000}}"
                            + "&responseTimeout=" + responseTimeoutMs
                            + "&soTimeout=" + responseTimeoutMs)
                    .process(InternalCall::failOnServerError)
                .onFallback()
                    .process(InternalCall::unavailable)
                .end()
                .process(peer == Peer.DELIVERY ? InternalCall::readDeliveryAnswer : InternalCall::readAnswer);
    }

    private static void toJson(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        exchange.getMessage().setBody(body == null || body instanceof String ? body : CaravanJson.write(body));
    }

    private static void failOnServerError(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status >= 500) {
            throw new IllegalStateException("downstream answered " + status);
        }
    }

    private static void unavailable(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String target = exchange.getProperty(SERVICE_NAME, String.class);
        // the breaker marked the exchange "exception handled" before calling this fallback: the 503 raised here is a
        // new failure of the call, which the caller's doCatch (e.g. the order saga's) must see; with the marker left
        // on, a doTry/doCatch around the call skipped it
        exchange.removeProperty(ExchangePropertyKey.EXCEPTION_HANDLED);
        Map<String, Object> service = Map.of("service", target == null ? "downstream" : target.replaceAll("^https?://", ""));
        if (cause == null || exchange.getProperty(ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_REJECTED, false, Boolean.class)) {
            // the breaker did not let the call out: the caller may rely on it having had no effect
            throw new BreakerOpenException("A service this request depends on is unavailable (its circuit breaker is open)", service);
        }
        throw new ProblemException(503, "SERVICE_UNAVAILABLE", "A service this request depends on is unavailable "
                + "(it did not answer in time or failed)", service);
    }

    private static void readAnswer(Exchange exchange) throws Exception {
        readAnswer(exchange, false);
    }

    private static void readDeliveryAnswer(Exchange exchange) throws Exception {
        readAnswer(exchange, true);
    }

    private static void readAnswer(Exchange exchange, boolean anyBody) throws Exception {
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String text = message.getBody(String.class);
        Map<String, Object> answer = text == null || text.isBlank() ? new LinkedHashMap<>() : read(text, anyBody);
        message.removeHeaders("*", KEEP);
        if (status >= 200 && status < 300) {
            message.setBody(answer);
            return;
        }
        Map<String, Object> extensions = new LinkedHashMap<>(answer);
        for (String member : new String[] {"type", "title", "status", "detail", "code"}) {
            extensions.remove(member);
        }
        String code = String.valueOf(answer.getOrDefault("code", "DOWNSTREAM_REFUSED"));
        String detail = String.valueOf(answer.getOrDefault("detail", "refused by a downstream service"));
        throw new ProblemException(status, code, detail, extensions);
    }

    /** The answer as a JSON object; with {@code anyBody}, a body that is not one reads as an empty answer. */
    private static Map<String, Object> read(String text, boolean anyBody) throws JsonProcessingException {
        try {
            return CaravanJson.MAPPER.readValue(text, MAP);
        } catch (JsonProcessingException notAnObject) {
            if (anyBody) {
                return new LinkedHashMap<>();
            }
            throw notAnObject;
        }
    }
}
