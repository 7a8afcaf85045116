package io.caravan.common.rest;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.problem.Problems;

/**
 * The REST error policy, defined once: every route behind a REST verb opts in with
 * {@code .routeConfigurationId(RestErrorPolicy.ID)}. A {@link ProblemException} becomes its problem document;
 * anything else is logged and answered as a 500 without a stack trace or SQL text.
 */
@Component
public class RestErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "rest-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ProblemException.class)
                    .handled(true)
                    .process(RestErrorPolicy::writeProblem)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.ERROR, "io.caravan.rest", "Unexpected failure in ${routeId}: ${exception.stacktrace}")
                    .process(RestErrorPolicy::writeProblem)
                .end();
    }

    private static void writeProblem(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Problems.write(exchange, Problems.of(failure));
    }
}
