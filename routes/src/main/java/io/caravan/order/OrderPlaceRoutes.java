package io.caravan.order;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;
import io.caravan.common.saga.SagaStatus;
import io.caravan.common.saga.SagaUnfinishedException;
import io.caravan.order.saga.OrderDraft;
import io.caravan.order.saga.OrderSagaRoutes;
import io.caravan.order.saga.SagaSteps;

import static io.caravan.order.OrderEndpoints.*;

/**
 * {@code POST /orders}: validation (nothing is written for bad input), the idempotency key, then the saga. A failed
 * saga is answered only once its compensations ran (the durable saga service waits for them), with the order's id.
 */
@Component
public class OrderPlaceRoutes extends RouteBuilder {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotency-Replayed";
    private static final Logger LOG = LoggerFactory.getLogger(OrderPlaceRoutes.class);

    @Override
    public void configure() {
        from(PLACE_ORDER).routeId(ROUTE_PLACE_ORDER).routeConfigurationId(RestErrorPolicy.ID)
                .process(OrderPlaceRoutes::readRequest)
                .filter(e -> OrderDraft.of(e).getRequestId() != null)
                    .to("sql:classpath:sql/order/find-order-by-request.sql?outputType=SelectOne")
                .end()
                .choice()
                    .when(body().isNotNull())
                        .process(OrderPlaceRoutes::replay)
                    .otherwise()
                        .setProperty("orderId", SagaSteps.draft(OrderDraft::getOrderId))
                        .to(RUN_SAGA)
                .end()
                .to(READ_ORDER)
                .process(Responses.created("/orders/", order -> ((Order) order).orderId()));

        // the saga hands the exchange back only once its compensations (or completions) ran
        from(RUN_SAGA).routeId(ROUTE_RUN_SAGA).errorHandler(noErrorHandler())
                .doTry()
                    .to(PLACE_SAGA)
                .doCatch(Exception.class)
                    .process(OrderPlaceRoutes::failWithOrderId)
                .end();
    }

    /** The validated request as an {@link OrderDraft}; the key comes from the header or the body, not two different ones. */
    static void readRequest(Exchange exchange) {
        PlaceOrderRequest request = RequestReader.body(exchange, PlaceOrderRequest.class);
        if (request.items().stream().map(PlaceOrderRequest.Line::productId).distinct().count() != request.items().size()) {
            throw ProblemException.validation("items", "productIds must be distinct");
        }
        String header = exchange.getMessage().getHeader(IDEMPOTENCY_KEY, String.class);
        if (header != null && (header.isBlank() || header.length() > 200)) {
            throw ProblemException.validation(IDEMPOTENCY_KEY, "must be 1 to 200 characters");
        }
        if (header != null && request.requestId() != null && !header.equals(request.requestId())) {
            throw ProblemException.validation("requestId", "must match the Idempotency-Key header (send one or the other)");
        }
        exchange.setProperty(OrderDraft.PROPERTY, OrderDraft.create(request, header != null ? header : request.requestId()));
        exchange.getMessage().setBody(null);
    }

    /** The key was seen before: a different body is refused, a running order is in progress, a finished one answered again. */
    @SuppressWarnings("unchecked")
    static void replay(Exchange exchange) {
        Map<String, Object> first = exchange.getMessage().getBody(Map.class);
        String orderId = first.get("id").toString();
        if (!OrderDraft.of(exchange).getRequestHash().equals(first.get("request_hash"))) {
            throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for a different request")
                    .with("orderId", orderId);
        }
        exchange.getMessage().setHeader(REPLAYED, "true");
        String status = (String) first.get("status");
        if ("PENDING".equals(status) || "COMPENSATING".equals(status)) {
            throw ProblemException.conflict("REQUEST_IN_PROGRESS", "The first request with this Idempotency-Key is still running")
                    .with("orderId", orderId);
        }
        if ("FAILED".equals(status)) {
            throw new ProblemException(((Number) first.get("failure_status")).intValue(), (String) first.get("failure_code"),
                    (String) first.get("failure_detail")).with("orderId", orderId);
        }
        exchange.setProperty("orderId", orderId);
    }

    /**
     * After the compensations: the failure as a problem document naming the failed order. When a participant
     * could not be reached to undo a step, the answer is still the step's failure (the order stays COMPENSATING
     * and the saga service finishes it in the background). When only a completion could not run yet (e.g. the
     * reservation's confirm), the order did complete: it is answered as such.
     */
    static void failWithOrderId(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure instanceof SagaUnfinishedException unfinished) {
            if (unfinished.status() == SagaStatus.COMPLETING) {
                LOG.warn("Order {} completed; a completion is retried in the background ({})",
                        exchange.getProperty("orderId"), unfinished.getMessage());
                return;
            }
            failure = unfinished.originalFailure();
        }
        ProblemException problem = OrderSagaRoutes.problem(failure);
        throw problem.extensions().containsKey("orderId") ? problem : problem.with("orderId", exchange.getProperty("orderId", String.class));
    }
}
