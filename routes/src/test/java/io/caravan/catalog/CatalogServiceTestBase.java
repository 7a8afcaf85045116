package io.caravan.catalog;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.caravan.testsupport.Http;
import io.caravan.testsupport.ServiceTest;
import io.caravan.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * catalog-app on a real PostgreSQL over HTTP. Every catalog service test class extends this one, so they share
 * one Spring context and one database: tests create their own products and orders and never assume an empty
 * table.
 */
@ServiceTest
abstract class CatalogServiceTestBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "catalog");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    Http internal;

    @BeforeEach
    void clients() {
        http = new Http("http://localhost:" + port);
        internal = http.withHeader("X-Caravan-Service-Token", "test-token");
    }

    long createProduct(String name, long price, long stock) {
        var created = http.post("/products", "{\"name\":\"" + name + "\",\"price\":" + price + ",\"stock\":" + stock + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    /** {@code "items":[...]} of a reservation request from productId, quantity pairs. */
    static String reservation(String orderId, long... productAndQuantity) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            items.append(i == 0 ? "" : ",").append("{\"productId\":").append(productAndQuantity[i])
                    .append(",\"quantity\":").append(productAndQuantity[i + 1]).append('}');
        }
        return "{\"orderId\":\"" + orderId + "\",\"items\":[" + items + "]}";
    }

    Http.Response reserve(String orderId, long... productAndQuantity) {
        return internal.post("/internal/stock/reservations", reservation(orderId, productAndQuantity));
    }

    Http.Response release(String orderId) {
        return internal.post("/internal/stock/reservations/" + orderId + "/release", null);
    }

    Http.Response confirm(String orderId) {
        return internal.post("/internal/stock/reservations/" + orderId + "/confirm", null);
    }

    /** The product's books: stock (available), reserved, sold, received. */
    Map<String, Object> books(long productId) {
        return jdbc.queryForMap("SELECT stock, reserved, sold, received FROM product WHERE id = ?", productId);
    }

    long stock(long productId) {
        return jdbc.queryForObject("SELECT stock FROM product WHERE id = ?", Long.class, productId);
    }

    /** Asserts the product's books: available, reserved and sold units; they always add up to what was received. */
    void assertBooks(long productId, long available, long reserved, long sold) {
        Map<String, Object> books = books(productId);
        assertThat(books).as("books of product " + productId)
                .containsEntry("stock", available).containsEntry("reserved", reserved).containsEntry("sold", sold)
                .containsEntry("received", available + reserved + sold);
    }

    int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    int outboxEvents(String eventType, String key) {
        return count("SELECT count(*) FROM outbox WHERE event_type = ? AND message_key = ? AND topic = 'product-events'", eventType, key);
    }
}
