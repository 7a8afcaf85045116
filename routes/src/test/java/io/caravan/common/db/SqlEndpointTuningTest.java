package io.caravan.common.db;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.component.sql.SqlEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import io.caravan.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** camel-sql endpoints tuned by {@link SqlEndpointTuning}, run against a real PostgreSQL. */
class SqlEndpointTuningTest {

    private static final String INSERT = "sql:INSERT INTO line (order_id, product_id, quantity, note) "
            + "VALUES (CAST(:#${exchangeProperty.orderId} AS uuid), :#${body.productId}, :#${body.quantity}, :#note)";

    private HikariDataSource dataSource;
    private DefaultCamelContext context;
    private ProducerTemplate template;

    record Line(long productId, int quantity) {}

    @BeforeEach
    void start() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestPostgres.newDatabase("sqltuning"));
        dataSource.setUsername("postgres");
        // one connection: a statement prepared on the server is the connection's, and the tests look at it
        dataSource.setMaximumPoolSize(1);
        try (var c = dataSource.getConnection()) {
            c.createStatement().execute("CREATE TABLE line (order_id uuid, product_id bigint, quantity int, note text)");
        }
        context = new DefaultCamelContext();
        SqlComponent sql = new SqlComponent();
        sql.setDataSource(dataSource);
        context.addComponent("sql", sql);
        context.getCamelContextExtension().registerEndpointCallback(SqlEndpointTuning.strategy(context));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:insert").to(INSERT);
                from("direct:select-in").to("sql:SELECT product_id FROM line WHERE product_id IN (:#in:ids) ORDER BY product_id");
                from("direct:count").to("sql:SELECT count(*) AS n FROM line?outputType=SelectOne");
                from("direct:by-product").to("sql:SELECT note FROM line WHERE product_id = :#productId?outputType=SelectOne");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
        dataSource.close();
    }

    /** The route's sql endpoint whose query begins with {@code start}. */
    private SqlEndpoint endpoint(String start) {
        return context.getEndpoints().stream()
                .filter(SqlEndpoint.class::isInstance).map(SqlEndpoint.class::cast)
                .filter(e -> e.getQuery().startsWith(start))
                .findFirst().orElseThrow(() -> new AssertionError("no endpoint " + start + " in " + context.getEndpoints()));
    }

    @Test
    void shouldCountTheStatementsParametersOnceSoTheDriverIsNotAskedOnEveryExecution() {
        SqlEndpoint insert = endpoint("INSERT INTO line");

        assertThat(insert.getParametersCount()).isEqualTo(4);
        assertThat(insert.getPrepareStatementStrategy()).isInstanceOf(NamedParameterStatementStrategy.class);
        assertThat(endpoint("SELECT note FROM line WHERE product_id").getParametersCount()).isEqualTo(1);
        // the count of an IN list depends on the message, and 0 means "ask the driver": both left to Camel
        assertThat(endpoint("SELECT product_id FROM line WHERE").getParametersCount()).isZero();
        assertThat(endpoint("SELECT count(*) AS n FROM line").getParametersCount()).isZero();
    }

    @Test
    void shouldBindRecordPropertiesExchangePropertiesAndHeadersInTheirOrder() {
        for (int i = 1; i <= 7; i++) { // past pgjdbc's prepareThreshold (5), where it switches to a named server statement
            int quantity = i;
            template.send("direct:insert", e -> {
                e.setProperty("orderId", "4b1c8a9e-3d0f-4c7e-9a51-0b6f3c2d1e0" + quantity);
                e.getMessage().setBody(new Line(100 + quantity, quantity));
                e.getMessage().setHeader("note", "line " + quantity);
            });
        }

        List<Map<String, Object>> rows = template.requestBody("sql:SELECT order_id::text AS order_id, product_id, quantity, note "
                + "FROM line ORDER BY product_id", null, List.class);
        assertThat(rows).hasSize(7);
        assertThat(rows.get(6)).containsEntry("order_id", "4b1c8a9e-3d0f-4c7e-9a51-0b6f3c2d1e07")
                .containsEntry("product_id", 107L).containsEntry("quantity", 7).containsEntry("note", "line 7");
    }

    @Test
    void shouldKeepUsingTheStatementPreparedOnTheServerWhenAParameterIsSometimesNull() {
        for (int i = 1; i <= 12; i++) {
            int n = i;
            template.send("direct:insert", e -> {
                e.setProperty("orderId", "4b1c8a9e-3d0f-4c7e-9a51-0b6f3c2d1e01");
                e.getMessage().setBody(new Line(n, 1));
                e.getMessage().setHeader("note", n % 2 == 0 ? null : "line " + n);
            });
        }

        // pgjdbc prepares on the server from the 5th execution on: 8 executions of one statement. When a null was
        // bound untyped, every change between null and a String prepared (and planned) the statement anew.
        Map<String, Object> prepared = template.requestBody("sql:SELECT count(*) AS statements, sum(generic_plans + custom_plans) AS runs "
                + "FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO line%'?outputType=SelectOne", null, Map.class);
        assertThat(prepared).containsEntry("statements", 1L).containsEntry("runs", new java.math.BigDecimal(8));
        List<Map<String, Object>> notes = template.requestBody("sql:SELECT note FROM line ORDER BY product_id", null, List.class);
        assertThat(notes).extracting(r -> r.get("note")).containsExactly("line 1", null, "line 3", null, "line 5", null,
                "line 7", null, "line 9", null, "line 11", null);
    }

    @Test
    void shouldTakeANamedParameterFromAMapBodyBeforeTheHeaders() {
        template.send("direct:insert", e -> {
            e.setProperty("orderId", "4b1c8a9e-3d0f-4c7e-9a51-0b6f3c2d1e01");
            e.getMessage().setBody(new Line(1, 1));
            e.getMessage().setHeader("note", "from the header");
        });

        String note = template.requestBodyAndHeader("direct:by-product", Map.of("productId", 1L), "productId", 2L, String.class);

        assertThat(note).isEqualTo("from the header");
    }

    @Test
    void shouldStillExpandAnInListFromTheMessage() {
        for (long id : new long[] {3, 1, 2}) {
            template.send("direct:insert", e -> {
                e.setProperty("orderId", "4b1c8a9e-3d0f-4c7e-9a51-0b6f3c2d1e01");
                e.getMessage().setBody(new Line(id, 1));
                e.getMessage().setHeader("note", "n");
            });
        }

        List<Map<String, Object>> rows = template.requestBodyAndHeader("direct:select-in", null, "ids", List.of(1L, 3L), List.class);

        assertThat(rows).extracting(r -> r.get("product_id")).containsExactly(1L, 3L);
    }

    @Test
    void shouldNameTheMissingParameterAsCamelDoes() {
        Exchange failed = template.send("direct:insert", e -> {
            e.setProperty("orderId", "4b1c8a9e-3d0f-4c7e-9a51-0b6f3c2d1e01");
            e.getMessage().setBody(new Line(1, 1));
        });

        assertThat(failed.getException()).hasStackTraceContaining("Cannot find key [note] in message body or headers");
        assertThat(template.requestBody("direct:count", null, Long.class)).isZero();
    }

    @Test
    void shouldCountParametersAsTheDriverParsesThem() throws Exception {
        assertThat(SqlEndpointTuning.parameterCount("SELECT ? , '?' , \"a?\" FROM t -- ?\n WHERE x = ? /* ? */")).isEqualTo(2);
        assertThat(SqlEndpointTuning.parameterCount("SELECT 1")).isZero();
    }
}
