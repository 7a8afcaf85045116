package io.caravan.common.consumer;

import java.util.List;
import java.util.Properties;

import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.caravan.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** The processed-event retention on a real PostgreSQL with the common migrations, in batches of two. */
class ProcessedEventCleanupTest {

    private HikariDataSource dataSource;
    private DefaultCamelContext context;
    private JdbcTemplate db;

    @BeforeEach
    void start() throws Exception {
        dataSource = TestPostgres.withCommonTables("processed_cleanup", 2);
        db = new JdbcTemplate(dataSource);
        context = new DefaultCamelContext();
        SqlComponent sql = new SqlComponent();
        sql.setDataSource(dataSource);
        context.addComponent("sql", sql);
        Properties properties = new Properties();
        properties.put("caravan.consumer.processed-cleanup-batch", "2");
        properties.put("caravan.consumer.enabled", "false");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutes(new ProcessedEventCleanupRoutes());
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        dataSource.close();
    }

    @Test
    void shouldDeleteEveryMarkerOlderThanTheRetentionInBatchesAndKeepTheOthers() {
        // five markers past the 14 days, three within them
        for (int i = 0; i < 5; i++) {
            db.update("INSERT INTO processed_event (consumer, event_id, processed_at) "
                    + "VALUES ('c', ?, now() - interval '15 days')", "old-" + i);
        }
        db.update("INSERT INTO processed_event (consumer, event_id, processed_at) "
                + "VALUES ('c', 'recent-1', now() - interval '13 days')");
        db.update("INSERT INTO processed_event (consumer, event_id) VALUES ('c', 'recent-2'), ('d', 'recent-3')");

        var answer = context.createProducerTemplate().send(ProcessedEventCleanupRoutes.CLEANUP, e -> {});

        assertThat(answer.getException()).isNull();
        List<String> left = db.queryForList("SELECT event_id FROM processed_event ORDER BY event_id", String.class);
        assertThat(left).containsExactly("recent-1", "recent-2", "recent-3");
    }
}
