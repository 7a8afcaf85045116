package io.caravan.common.db;

import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.PolicyDefinition;
import org.apache.camel.spi.Policy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transaction block: a sub-route whose steps (camel-sql calls, outbox writes) commit or roll back as one
 * database transaction. Unlike {@code transacted()}, a failure is not handled inside the sub-route: it rolls
 * the transaction back and reaches the caller's error policy unchanged (e.g. the REST policy, which answers
 * the problem document).
 *
 * <pre>
 * Transactions.route(this, CREATE_USER_TX, "user-user-create-tx")
 *         .to("sql:...")
 *         .to(Outbox.WRITE);
 * </pre>
 */
@Component(Transactions.REQUIRED)
public class Transactions implements Policy {

    public static final String REQUIRED = "caravanRequiredTx";

    private final TransactionTemplate template;

    public Transactions(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
    }

    /** Starts a transactional sub-route: the rest of the route definition runs in one transaction. */
    public static PolicyDefinition route(RouteBuilder routes, String endpoint, String routeId) {
        return routes.from(endpoint).routeId(routeId)
                .errorHandler(routes.noErrorHandler())
                .policy(REQUIRED);
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {}

    @Override
    public Processor wrap(Route route, Processor processor) {
        return exchange -> template.executeWithoutResult(status -> {
            try {
                processor.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null || exchange.isRollbackOnly()) {
                status.setRollbackOnly();
            }
        });
    }
}
