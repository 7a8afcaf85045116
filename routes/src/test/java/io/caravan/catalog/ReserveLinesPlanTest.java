package io.caravan.catalog;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.ConnectionCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How PostgreSQL runs reserve-lines.sql on a catalog of a few thousand products: by primary key. PostgreSQL
 * estimates a JSON array at 100 elements whatever its length, and an {@code IN (SELECT ...)} over it made the
 * statement scan the whole product table twice per reservation (0.45 ms mean execution in the benchmark at 1,002
 * products; 0.21 ms with key lookups). A plan, not a time: nothing here depends on how fast the machine is.
 */
class ReserveLinesPlanTest extends CatalogServiceTestBase {

    @Test
    void shouldFindEveryProductByItsKeyRatherThanScanningTheCatalog() throws Exception {
        jdbc.update("INSERT INTO product (name, price, stock, received) "
                + "SELECT 'plan product ' || g, 100, 10, 10 FROM generate_series(1, 3000) AS g");
        jdbc.execute("ANALYZE product");
        String statement = new ClassPathResource("sql/catalog/reserve-lines.sql")
                .getContentAsString(StandardCharsets.UTF_8)
                .replace(":#${exchangeProperty.reservationLines}", "$1")
                .replace(":#${exchangeProperty.orderId}", "$2")
                .replace(":#${exchangeProperty.caravanOutboxRows}", "$3");

        List<String> plan = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            List<String> planLines = new ArrayList<>();
            try (Statement sql = connection.createStatement()) {
                sql.execute("PREPARE reserve_lines_plan (text, text, text) AS " + statement);
                String twoLines = "'[{\"productId\":1,\"quantity\":1},{\"productId\":2,\"quantity\":1}]'";
                try (ResultSet rs = sql.executeQuery(
                        "EXPLAIN EXECUTE reserve_lines_plan (" + twoLines + ", '" + newOrderId() + "', '[]')")) {
                    while (rs.next()) {
                        planLines.add(rs.getString(1));
                    }
                } finally {
                    sql.execute("DEALLOCATE reserve_lines_plan");
                }
            }
            return planLines;
        });

        assertThat(plan).as(String.join("\n", plan)).noneMatch(line -> line.contains("Seq Scan on product"))
                .anyMatch(line -> line.contains("product_pkey"));
    }
}
