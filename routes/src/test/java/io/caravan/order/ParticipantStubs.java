package io.caravan.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.rest.CaravanJson;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

/**
 * Stand-ins for catalog-app's stock API and user-app's points API, served by the order test app itself under
 * {@code /stub/catalog} and {@code /stub/user}, so the saga runs through its real client routes without the
 * other apps. Product n costs n x 100 with 100 in stock, product 404 does not exist and product 503 answers 503; user 404 does not exist and
 * every other user has 50,000 points. They note what the saga asked of them.
 */
public class ParticipantStubs extends RouteBuilder {

    public static final long BALANCE = 50_000;
    public static final Set<String> RESERVED = ConcurrentHashMap.newKeySet();
    public static final Set<String> RELEASED = ConcurrentHashMap.newKeySet();
    public static final Set<String> CONFIRMED = ConcurrentHashMap.newKeySet();
    public static final Set<String> DEDUCTED = ConcurrentHashMap.newKeySet();
    public static final Set<String> REFUNDED = ConcurrentHashMap.newKeySet();
    /** Deduction calls per userId (each call, also a repeated one). */
    public static final Map<Long, AtomicInteger> DEDUCTION_CALLS = new ConcurrentHashMap<>();
    /** Orders whose refund answers 503 while they are in here (the user service cannot be reached). */
    public static final Set<String> REFUND_DOWN = ConcurrentHashMap.newKeySet();

    @Override
    public void configure() {
        rest("/stub/catalog/internal/stock/reservations")
                .post().to("direct:stub-reserve")
                .post("/{orderId}/release").to("direct:stub-release")
                .post("/{orderId}/confirm").to("direct:stub-confirm");
        rest("/stub/user/users").get("/{userId}").to("direct:stub-user");
        rest("/stub/user/internal/points/deductions")
                .post().to("direct:stub-deduct")
                .post("/{orderId}/refund").to("direct:stub-refund");

        from("direct:stub-reserve").routeConfigurationId(RestErrorPolicy.ID).process(ParticipantStubs::reserve).process(Responses.json(200));
        from("direct:stub-release").process(e -> RELEASED.add(orderId(e))).setBody(constant(Map.of())).process(Responses.json(200));
        from("direct:stub-confirm").process(e -> CONFIRMED.add(orderId(e))).setBody(constant(Map.of())).process(Responses.json(200));
        from("direct:stub-user").routeConfigurationId(RestErrorPolicy.ID)
                .process(e -> {
                    if ("404".equals(e.getMessage().getHeader("userId", String.class))) {
                        throw ProblemException.notFound("USER_NOT_FOUND", "No user 404");
                    }
                    e.getMessage().setBody(Map.of("id", Long.parseLong(e.getMessage().getHeader("userId", String.class))));
                })
                .process(Responses.json(200));
        from("direct:stub-deduct").routeConfigurationId(RestErrorPolicy.ID).process(ParticipantStubs::deduct).process(Responses.json(200));
        from("direct:stub-refund").routeConfigurationId(RestErrorPolicy.ID).process(ParticipantStubs::refund).process(Responses.json(200));
    }

    @SuppressWarnings("unchecked")
    static void reserve(Exchange exchange) throws Exception {
        Map<String, Object> request = CaravanJson.MAPPER.readValue(exchange.getMessage().getBody(String.class), Map.class);
        List<Map<String, Object>> lines = new ArrayList<>();
        long total = 0;
        for (Map<String, Object> item : (List<Map<String, Object>>) request.get("items")) {
            long productId = ((Number) item.get("productId")).longValue();
            long quantity = ((Number) item.get("quantity")).longValue();
            if (productId == 503) {
                throw ProblemException.unavailable("catalog stub is failing");
            }
            if (productId == 404) {
                throw ProblemException.notFound("PRODUCT_NOT_FOUND", "No product 404");
            }
            if (quantity > 100) {
                throw ProblemException.conflict("INSUFFICIENT_STOCK", "Only 100 of product " + productId);
            }
            long price = productId * 100;
            total += price * quantity;
            lines.add(Map.of("productId", productId, "quantity", quantity, "unitPrice", price, "lineAmount", price * quantity));
        }
        RESERVED.add((String) request.get("orderId"));
        exchange.getMessage().setBody(Map.of("orderId", request.get("orderId"), "status", "RESERVED", "items", lines, "totalAmount", total));
    }

    @SuppressWarnings("unchecked")
    static void deduct(Exchange exchange) throws Exception {
        Map<String, Object> request = CaravanJson.MAPPER.readValue(exchange.getMessage().getBody(String.class), Map.class);
        long userId = ((Number) request.get("userId")).longValue();
        long amount = ((Number) request.get("amount")).longValue();
        DEDUCTION_CALLS.computeIfAbsent(userId, id -> new AtomicInteger()).incrementAndGet();
        if (userId == 404) {
            throw ProblemException.notFound("USER_NOT_FOUND", "No user 404");
        }
        if (amount > BALANCE) {
            throw ProblemException.conflict("INSUFFICIENT_POINTS", "Balance " + BALANCE + " is below " + amount);
        }
        DEDUCTED.add((String) request.get("orderId"));
        exchange.getMessage().setBody(Map.of("orderId", request.get("orderId"), "userId", userId, "amount", amount, "balance", BALANCE - amount));
    }

    static void refund(Exchange exchange) {
        String orderId = orderId(exchange);
        if (REFUND_DOWN.contains(orderId)) {
            throw ProblemException.unavailable("user-app stub is down for " + orderId);
        }
        REFUNDED.add(orderId);
        exchange.getMessage().setBody(Map.of());
    }

    private static String orderId(Exchange exchange) {
        return exchange.getMessage().getHeader("orderId", String.class);
    }
}
