package io.caravan.common.db;

import java.sql.SQLException;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.sql.SqlEndpoint;
import org.apache.camel.component.sql.SqlHelper;
import org.apache.camel.spi.EndpointStrategy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tunes every {@code sql:} endpoint of the app as it is created, before its producer exists:
 * <ul>
 * <li>{@link NamedParameterStatementStrategy} binds its named parameters (one instance per CamelContext, so
 * its per-query caches are shared by all endpoints);</li>
 * <li>{@code parametersCount} is set to the number of JDBC parameters of the statement, counted once with the
 * PostgreSQL driver's own parser. Without it camel-sql asks the driver for the parameter metadata on every
 * execution; for pgjdbc that is an extra round trip to the server, which also closes the server-side prepared
 * statement, so the statement was parsed and planned again every time. Statements without parameters, with
 * {@code :#in:} lists (their count depends on the message) or that cannot be parsed keep Camel's behaviour.</li>
 * </ul>
 * Endpoints that already carry their own strategy or count are left alone.
 */
@Configuration(proxyBeanMethods = false)
public class SqlEndpointTuning {

    private static final Logger LOG = LoggerFactory.getLogger(SqlEndpointTuning.class);

    @Bean
    public CamelContextConfiguration caravanSqlEndpointTuning() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.getCamelContextExtension().registerEndpointCallback(strategy(camelContext));
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {}
        };
    }

    /** The endpoint callback that tunes {@code sql:} endpoints of this context. */
    public static EndpointStrategy strategy(CamelContext camelContext) {
        NamedParameterStatementStrategy named = new NamedParameterStatementStrategy(camelContext);
        return (uri, endpoint) -> {
            if (endpoint instanceof SqlEndpoint sql) {
                tune(camelContext, sql, named);
            }
            return endpoint;
        };
    }

    static void tune(CamelContext camelContext, SqlEndpoint sql, NamedParameterStatementStrategy named) {
        if (sql.getPrepareStatementStrategy() == null) {
            sql.setPrepareStatementStrategy(named);
        }
        if (sql.getParametersCount() > 0 || sql.isUseMessageBodyForSql() || sql.getQuery() == null) {
            return;
        }
        try {
            String query = SqlHelper.resolveQuery(camelContext, sql.getQuery(), sql.isUsePlaceholder() ? sql.getPlaceholder() : null);
            if (query.contains(":?in:")) {
                return;
            }
            String prepared = sql.getPrepareStatementStrategy().prepareQuery(query, sql.isAllowNamedParameters(), null);
            sql.setParametersCount(parameterCount(prepared));
        } catch (Exception e) {
            LOG.debug("Parameter count of {} left to the driver: {}", sql.getEndpointUri(), e.toString());
        }
    }

    /** The number of JDBC parameters ({@code ?}) of a statement, as the PostgreSQL driver parses it. */
    static int parameterCount(String jdbcSql) throws SQLException {
        List<NativeQuery> statements = Parser.parseJdbcSql(jdbcSql, true, true, false, false, false);
        int count = 0;
        for (NativeQuery statement : statements) {
            count += statement.bindPositions.length;
        }
        return count;
    }
}
