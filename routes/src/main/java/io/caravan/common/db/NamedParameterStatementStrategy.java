package io.caravan.common.db;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.RuntimeExchangeException;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

import io.caravan.common.expression.PropertyPathExpression;

/**
 * camel-sql's named-parameter handling ({@code :#name}, {@code :#${simple}}) with the work that does not depend
 * on the exchange done once per statement instead of on every execution. Camel's default strategy, for every
 * statement it runs, re-parses the query with regular expressions, re-resolves every {@code ${...}} parameter's
 * Simple expression, and for every parameter, including the {@code ${...}} ones that never read it, converts the
 * body to a Map and then asks again whether the parameter exists. With a record as the body that conversion
 * misses, and a type-converter miss scans every registered converter: measured at 10-15 % of catalog-app's CPU
 * under the order benchmark.
 *
 * <p>
 * Here the query's prepared form and its parameter list are computed once per query text; a {@code ${...}}
 * parameter is one expression, created once and evaluated against the exchange (a property path such as
 * {@code ${body.quantity}} with cached accessors, see {@link PropertyPathExpression}); a plain name is looked up
 * exactly as Camel does (the body as a Map, then the headers, then the variables), converting the body at most
 * once per execution. What this class does not speed up ({@code :#in:} lists and batches, whose shape depends on
 * the message) is left to Camel's own strategy.
 *
 * <p>
 * A {@code null} is bound with the SQL type its parameter had when it last held a value. Camel binds a null
 * without a type, and the PostgreSQL driver sends that as "unspecified", where a String goes as {@code varchar}.
 * The driver may reuse a statement prepared on the server only for the parameter types it was prepared with,
 * so a parameter that is null in one execution and a String in the next made it prepare the statement again,
 * and the server parse and plan it, on every such change (seen on {@code complete-order.sql}, whose
 * {@code couponSkippedReason} is null unless a coupon was skipped).
 */
public class NamedParameterStatementStrategy extends DefaultSqlPrepareStatementStrategy {

    /** Body classes Camel's type converter could not turn into a Map (it has no such converter; a miss is costly). */
    private static final Set<Class<?>> NOT_MAPS = ConcurrentHashMap.newKeySet();

    private final Map<String, String> preparedQueries = new ConcurrentHashMap<>();
    private final Map<String, List<Parameter>> parameters = new ConcurrentHashMap<>();
    /** Per prepared query, each parameter's SQL type when it last held a value (0: none seen yet). */
    private final Map<String, AtomicIntegerArray> valueTypes = new ConcurrentHashMap<>();
    private final CamelContext camelContext;

    public NamedParameterStatementStrategy(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public String prepareQuery(String query, boolean allowNamedParameters, Exchange exchange) throws SQLException {
        if (!allowNamedParameters || hasInList(query)) {
            return super.prepareQuery(query, allowNamedParameters, exchange);
        }
        String prepared = preparedQueries.get(query);
        if (prepared == null) {
            // without an :#in: list the prepared form does not depend on the exchange
            prepared = super.prepareQuery(query, true, null);
            preparedQueries.put(query, prepared);
        }
        return prepared;
    }

    @Override
    public Iterator<?> createPopulateIterator(String query, String preparedQuery, int expectedParams, Exchange exchange,
            Object value) throws SQLException {
        if (hasInList(query) || value != exchange.getMessage().getBody()) {
            return super.createPopulateIterator(query, preparedQuery, expectedParams, exchange, value); // in-lists, batches
        }
        List<Parameter> params = parameters.computeIfAbsent(query, this::parse);
        if (params.isEmpty()) {
            return super.createPopulateIterator(query, preparedQuery, expectedParams, exchange, value); // positional ?
        }
        Lookup lookup = new Lookup(exchange, value);
        List<Object> values = new ArrayList<>(params.size());
        for (Parameter parameter : params) {
            values.add(parameter.expression() != null
                    ? parameter.expression().evaluate(exchange, Object.class)
                    : lookup.value(parameter.name(), query));
        }
        return new BoundValues(preparedQuery, values);
    }

    @Override
    public void populateStatement(PreparedStatement ps, Iterator<?> iterator, int expectedParams) throws SQLException {
        if (!(iterator instanceof BoundValues bound)) {
            super.populateStatement(ps, iterator, expectedParams);
            return;
        }
        List<Object> values = bound.values();
        if (values.size() != expectedParams) {
            throw new SQLException("Number of parameters mismatch. Expected: " + expectedParams + ", was: " + values.size());
        }
        AtomicIntegerArray types = valueTypes.computeIfAbsent(bound.preparedQuery(), q -> new AtomicIntegerArray(expectedParams));
        for (int i = 0; i < expectedParams; i++) {
            Object v = values.get(i);
            int type = v == null ? types.get(i) : sqlTypeOf(v);
            if (v != null && type != 0) {
                types.set(i, type);
            }
            // a value goes as Spring binds it for Camel (setString, setLong, ...); a null with its last value's type
            StatementCreatorUtils.setParameterValue(ps, i + 1, v == null && type != 0 ? type : SqlTypeValue.TYPE_UNKNOWN, v);
        }
    }

    /**
     * The SQL type whose {@code setNull} the PostgreSQL driver sends as the same type as this value (Spring binds
     * a String with setString, a Long with setLong, and so on); 0 for the others, whose nulls stay untyped.
     */
    static int sqlTypeOf(Object value) {
        if (value instanceof CharSequence) {
            return Types.VARCHAR;
        } else if (value instanceof Long) {
            return Types.BIGINT;
        } else if (value instanceof Integer) {
            return Types.INTEGER;
        } else if (value instanceof Short) {
            return Types.SMALLINT;
        } else if (value instanceof Boolean) {
            return Types.BOOLEAN;
        } else if (value instanceof BigDecimal) {
            return Types.NUMERIC;
        } else if (value instanceof Double) {
            return Types.DOUBLE;
        }
        return 0;
    }

    private static boolean hasInList(String query) {
        return query.contains(":?in:");
    }

    /** The named parameters of a query in order, found as Camel's parser finds them (after '#' became '?'). */
    List<Parameter> parse(String query) {
        List<Parameter> found = new ArrayList<>();
        int i = query.indexOf(":?");
        while (i >= 0) {
            int start = i + 2;
            int end;
            if (query.startsWith("${", start) || query.startsWith("$simple{", start)) {
                end = closingBrace(query, query.indexOf('{', start)) + 1;
                String text = query.substring(start, end);
                found.add(new Parameter(text, PropertyPathExpression.of(camelContext, text)));
            } else {
                end = start;
                while (end < query.length() && (Character.isLetterOrDigit(query.charAt(end)) || query.charAt(end) == '_')) {
                    end++;
                }
                if (end > start) {
                    found.add(new Parameter(query.substring(start, end), null));
                }
            }
            i = query.indexOf(":?", Math.max(end, start));
        }
        return List.copyOf(found);
    }

    private static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unbalanced braces in SQL parameter: " + text.substring(open));
    }

    /** The values of one execution, in order, with the prepared query they are for. */
    private static final class BoundValues implements Iterator<Object> {

        private final String preparedQuery;
        private final List<Object> values;
        private int next;

        BoundValues(String preparedQuery, List<Object> values) {
            this.preparedQuery = preparedQuery;
            this.values = values;
        }

        String preparedQuery() {
            return preparedQuery;
        }

        List<Object> values() {
            return values;
        }

        @Override
        public boolean hasNext() {
            return next < values.size();
        }

        @Override
        public Object next() {
            return values.get(next++);
        }
    }

    /** One named parameter: a Simple expression ({@code ${...}}) or a name looked up in body, headers, variables. */
    record Parameter(String name, Expression expression) {}

    /** Camel's lookup of a plain name, with the body converted to a Map at most once per execution. */
    private static final class Lookup {

        private final Exchange exchange;
        private final Object body;
        private Map<?, ?> bodyMap;

        Lookup(Exchange exchange, Object body) {
            this.exchange = exchange;
            this.body = body;
        }

        Object value(String name, String query) {
            if (bodyMap == null) {
                Map<?, ?> converted = body instanceof Map<?, ?> map ? map
                        : body == null || NOT_MAPS.contains(body.getClass()) ? null
                        : exchange.getContext().getTypeConverter().tryConvertTo(Map.class, exchange, body);
                if (converted == null && body != null && !(body instanceof Map<?, ?>)) {
                    NOT_MAPS.add(body.getClass());
                }
                bodyMap = converted == null ? Map.of() : converted;
            }
            if (bodyMap.containsKey(name)) {
                return bodyMap.get(name);
            }
            Map<String, Object> headers = exchange.getIn().getHeaders();
            if (headers.containsKey(name)) {
                return headers.get(name);
            }
            if (exchange.hasVariables() && exchange.getVariables().containsKey(name)) {
                return exchange.getVariables().get(name);
            }
            throw new RuntimeExchangeException(String.format(
                    "Cannot find key [%s] in message body or headers to use when setting named parameter in query [%s]",
                    name, query), exchange);
        }
    }
}
