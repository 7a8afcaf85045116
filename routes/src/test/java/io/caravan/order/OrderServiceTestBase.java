package io.caravan.order;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.caravan.testsupport.Http;
import io.caravan.testsupport.ServiceTest;
import io.caravan.testsupport.TestPostgres;

/**
 * order-app on a real PostgreSQL over real HTTP, its participants replaced by {@link ParticipantStubs} and its
 * payment gateway the sandbox, all served by the app itself. Subclasses share one Spring context.
 */
@ServiceTest
@Import(ParticipantStubs.class)
abstract class OrderServiceTestBase {

    @DynamicPropertySource
    static void orderApp(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "order");
        registry.add("caravan.catalog.url", () -> "http://localhost:${local.server.port}/stub/catalog");
        registry.add("caravan.user.url", () -> "http://localhost:${local.server.port}/stub/user");
        registry.add("caravan.payment.gateway-url", () -> "http://localhost:${local.server.port}/sandbox");
        registry.add("caravan.payment.timeout-ms", () -> "500");
        registry.add("caravan.payment.sandbox.slow-answer-ms", () -> "1500");
        registry.add("caravan.saga.retry-delay-ms", () -> "50");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
    }

    int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
