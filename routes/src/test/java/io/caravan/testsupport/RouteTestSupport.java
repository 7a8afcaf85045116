package io.caravan.testsupport;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;

import io.caravan.common.db.Transactions;

/**
 * Base of route-level unit tests: no Spring, no network. Routes are advised by id before the context starts
 * ({@code AdviceWith.adviceWith(context, routeId, a -> ...)}, then {@code context.start()}); the transaction
 * block is a pass-through and the {@code caravan.*} placeholders have their defaults.
 */
public abstract class RouteTestSupport extends CamelTestSupport {

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.put("caravan.topics.user-events", "user-events");
        properties.put("caravan.topics.product-events", "product-events");
        properties.put("caravan.topics.order-events", "order-events");
        properties.put("caravan.security.service-token", "test-token");
        properties.putAll(extraProperties());
        context.getPropertiesComponent().setInitialProperties(properties);
        context.getRegistry().bind(Transactions.REQUIRED, new PassThroughPolicy());
        return context;
    }

    /** Placeholders a test's routes need beyond the shared ones. */
    protected Properties extraProperties() {
        return new Properties();
    }

    /** Stands in for the database transaction block in tests without a database. */
    static final class PassThroughPolicy implements Policy {
        @Override
        public void beforeWrap(Route route, NamedNode definition) {}

        @Override
        public Processor wrap(Route route, Processor processor) {
            return processor;
        }
    }
}
