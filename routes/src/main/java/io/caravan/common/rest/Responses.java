package io.caravan.common.rest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Shapes successful REST responses: the body as JSON with a status code. */
public final class Responses {

    private Responses() {}

    /** Writes the body as JSON with the given status. */
    public static Processor json(int status) {
        return exchange -> {
            var message = exchange.getMessage();
            message.setBody(CaravanJson.write(message.getBody()));
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        };
    }

    /** {@code 201 Created} with the body as JSON and a {@code Location} of {@code prefix + id}. */
    public static Processor created(String prefix, java.util.function.Function<Object, Object> id) {
        return exchange -> {
            Object body = exchange.getMessage().getBody();
            exchange.getMessage().setHeader("Location", prefix + id.apply(body));
            json(201).process(exchange);
        };
    }
}
