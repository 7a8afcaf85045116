package io.caravan.common.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements that write their own events (a CTE, see {@link Outbox}) insert them as {@link Outbox#WRITE} does,
 * in their order, and only with their change: whitespace aside, each holds {@link Outbox#INSERT_ROWS}, a condition
 * on its changed row, and the order.
 */
class OutboxStatementsTest {

    @Test
    void shouldInsertTheEventsAsTheOutboxWriteDoesInEveryStatementThatWritesItsOwn() throws IOException {
        List<String> writers = new ArrayList<>();
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:sql/**/*.sql")) {
            String statement = file.getContentAsString(StandardCharsets.UTF_8).replaceAll("--[^\n]*", "")
                    .replaceAll("\\s+", " ");
            if (statement.contains("INSERT INTO outbox")) {
                writers.add(file.getFilename());
                assertThat(statement).as(file.getFilename())
                        .contains(Outbox.INSERT_ROWS + " WHERE EXISTS (SELECT 1 FROM ")
                        .containsPattern("WHERE EXISTS \\(SELECT 1 FROM \\w+\\) ORDER BY n \\)");
            }
        }
        assertThat(writers).contains("reserve-lines.sql", "insert-order.sql", "complete-order.sql");
    }
}
