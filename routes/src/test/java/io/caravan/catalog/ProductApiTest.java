package io.caravan.catalog;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Products over HTTP on PostgreSQL: create, read, page, patch, restock, with every kind of bad input. */
class ProductApiTest extends CatalogServiceTestBase {

    @Test
    void shouldCreateProductWithLocationAndWriteOneProductCreatedEvent() {
        var created = http.withHeader("X-Echo-Me", "secret")
                .post("/products", "{\"name\":\"  Kettle \",\"price\":25000,\"stock\":12,\"description\":\"1.7 l\"}");

        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/products/" + id);
        assertThat(created.header("X-Echo-Me")).isNull();
        assertThat(created.json().path("name").asText()).isEqualTo("Kettle");
        var read = http.get("/products/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
        assertThat(read.json().path("description").asText()).isEqualTo("1.7 l");
        assertThat(read.json().path("price").asLong()).isEqualTo(25000);
        assertThat(read.json().path("stock").asLong()).isEqualTo(12);
        assertBooks(id, 12, 0, 0);
        assertThat(count("SELECT count(*) FROM outbox WHERE event_type = 'ProductCreated' AND message_key = ? "
                + "AND topic = 'product-events' AND payload->>'productId' = ?", String.valueOf(id), String.valueOf(id))).isEqualTo(1);
    }

    @Test
    void shouldAcceptTheBoundsOfEveryField() {
        var created = http.post("/products", "{\"name\":\"" + "n".repeat(200) + "\",\"price\":100000000,\"stock\":1000000}");
        var free = http.post("/products", "{\"name\":\"Free sample\",\"price\":0,\"stock\":0}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("price").asLong()).isEqualTo(100_000_000);
        assertThat(created.json().path("stock").asLong()).isEqualTo(1_000_000);
        assertThat(free.status()).isEqualTo(201);
        assertThat(free.json().has("description")).isFalse();
    }

    @Test
    void shouldAnswerValidationFailedAndCreateNothingForBadProducts() {
        int products = count("SELECT count(*) FROM product");
        int events = count("SELECT count(*) FROM outbox");
        String[] bodies = {
            "{\"price\":100,\"stock\":1}",
            "{\"name\":\"\",\"price\":100,\"stock\":1}",
            "{\"name\":\"   \",\"price\":100,\"stock\":1}",
            "{\"name\":\"" + "x".repeat(201) + "\",\"price\":100,\"stock\":1}",
            "{\"name\":\"" + "x".repeat(100_000) + "\",\"price\":100,\"stock\":1}",
            "{\"name\":42,\"price\":100,\"stock\":1}",
            "{\"name\":\"A\",\"stock\":1}",
            "{\"name\":\"A\",\"price\":\"100\",\"stock\":1}",
            "{\"name\":\"A\",\"price\":1.5,\"stock\":1}",
            "{\"name\":\"A\",\"price\":-1,\"stock\":1}",
            "{\"name\":\"A\",\"price\":100000001,\"stock\":1}",
            "{\"name\":\"A\",\"price\":1e30,\"stock\":1}",
            "{\"name\":\"A\",\"price\":100}",
            "{\"name\":\"A\",\"price\":100,\"stock\":\"10\"}",
            "{\"name\":\"A\",\"price\":100,\"stock\":-1}",
            "{\"name\":\"A\",\"price\":100,\"stock\":1000001}",
            "{\"name\":\"A\",\"price\":100,\"stock\":true}",
            "{\"name\":\"A\",\"price\":100,\"stock\":1,\"description\":\"" + "d".repeat(2001) + "\"}",
            "{\"name\":\"A\",\"price\":100,\"stock\":1,\"description\":7}",
            "{\"name\":\"A\",\"price\":100,",
            "{\"name\":\"A\",\"name\":\"B\",\"price\":100,\"stock\":1}",
            "[]",
            "\"product\"",
            "",
        };
        for (String body : bodies) {
            var answer = http.post("/products", body);
            String what = body.length() > 80 ? body.substring(0, 80) : body;
            assertThat(answer.status()).as(what).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
            assertThat(answer.code()).as(what).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.json().path("errors").isArray()).as(what).isTrue();
            assertThat(answer.body()).as(what).doesNotContain("Exception").doesNotContain("SQL");
        }
        assertThat(count("SELECT count(*) FROM product")).isEqualTo(products);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(events);
    }

    @Test
    void shouldAnswerNotFoundOrValidationFailedForUnknownOrBadProductIds() {
        var unknown = http.get("/products/987654321");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("PRODUCT_NOT_FOUND");
        for (String bad : new String[] {"abc", "-1", "0", "1.5", "99999999999999999999"}) {
            assertThat(http.get("/products/" + bad).status()).as(bad).isEqualTo(400);
            assertThat(http.patch("/products/" + bad, "{\"price\":1}").status()).as(bad).isEqualTo(400);
            assertThat(http.post("/products/" + bad + "/stock", "{\"quantity\":1}").status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void shouldPageProductsByIdWithTheTotal() {
        long first = createProduct("Page one", 1, 1);
        long second = createProduct("Page two", 2, 2);
        long third = createProduct("Page three", 3, 3);
        int total = count("SELECT count(*) FROM product");
        int before = count("SELECT count(*) FROM product WHERE id < ?", first);

        var page = http.get("/products?page=" + before + "&size=1");
        var next = http.get("/products?page=" + (before / 2) + "&size=2");
        var defaults = http.get("/products");
        var beyond = http.get("/products?page=100000&size=100");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("page").asInt()).isEqualTo(before);
        assertThat(page.json().path("size").asInt()).isEqualTo(1);
        assertThat(page.json().path("total").asLong()).isEqualTo(total);
        assertThat(page.json().path("items").get(0).path("id").asLong()).isEqualTo(first);
        assertThat(ids(http.get("/products?page=" + (before + 1) + "&size=1").json())).containsExactly(second);
        assertThat(ids(http.get("/products?page=" + (before + 2) + "&size=1").json())).containsExactly(third);
        assertThat(ids(next.json())).isSorted().hasSize(2);
        assertThat(defaults.json().path("page").asInt()).isZero();
        assertThat(defaults.json().path("size").asInt()).isEqualTo(20);
        assertThat(ids(defaults.json())).isSorted().hasSize(Math.min(20, total));
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json().path("items")).isEmpty();
        assertThat(beyond.json().path("total").asLong()).isEqualTo(total);
    }

    @Test
    void shouldAnswerValidationFailedForPageOrSizeOutOfRange() {
        for (String query : new String[] {"page=-1", "size=0", "size=101", "page=abc", "size=1.5", "page=99999999999", "size="}) {
            var answer = http.get("/products?" + query);
            if (query.equals("size=")) {
                assertThat(answer.status()).as(query).isEqualTo(200);
                continue;
            }
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.code()).as(query).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void shouldPatchAnyOfNameDescriptionPriceAndWriteProductUpdated() {
        long id = createProduct("Old name", 1000, 7);

        var renamed = http.patch("/products/" + id, "{\"name\":\"New name\"}");
        var repriced = http.patch("/products/" + id, "{\"price\":1200,\"description\":\"now with a lid\"}");

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("New name");
        assertThat(renamed.json().path("price").asLong()).isEqualTo(1000);
        assertThat(repriced.json().path("name").asText()).isEqualTo("New name");
        assertThat(repriced.json().path("price").asLong()).isEqualTo(1200);
        assertThat(repriced.json().path("description").asText()).isEqualTo("now with a lid");
        assertThat(repriced.json().path("stock").asLong()).isEqualTo(7);
        assertThat(http.get("/products/" + id).json()).isEqualTo(repriced.json());
        assertThat(outboxEvents("ProductUpdated", String.valueOf(id))).isEqualTo(2);
    }

    @Test
    void shouldRefuseBadPatchesAndChangeNothing() {
        long id = createProduct("Stable", 1000, 7);
        String before = http.get("/products/" + id).body();
        String[] bodies = {
            "{}",
            "{\"stock\":100}",
            "{\"name\":\"X\",\"stock\":100}",
            "{\"name\":\"\"}",
            "{\"name\":\"  \"}",
            "{\"name\":\"" + "x".repeat(201) + "\"}",
            "{\"name\":5}",
            "{\"price\":\"5\"}",
            "{\"price\":1.5}",
            "{\"price\":-1}",
            "{\"price\":100000001}",
            "{\"description\":\"" + "d".repeat(2001) + "\"}",
            "{\"price\":",
            "[]",
            "",
        };
        for (String body : bodies) {
            var answer = http.patch("/products/" + id, body);
            String what = body.length() > 80 ? body.substring(0, 80) : body;
            assertThat(answer.status()).as(what).isEqualTo(400);
            assertThat(answer.code()).as(what).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(http.get("/products/" + id).body()).isEqualTo(before);
        assertThat(outboxEvents("ProductUpdated", String.valueOf(id))).isZero();
        var unknown = http.patch("/products/987654321", "{\"price\":5}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("PRODUCT_NOT_FOUND");
    }

    @Test
    void shouldRestockByAddingToTheAvailableStock() {
        long id = createProduct("Restocked", 500, 3);

        var answer = http.post("/products/" + id + "/stock", "{\"quantity\":1000000}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("id").asLong()).isEqualTo(id);
        assertThat(answer.json().path("stock").asLong()).isEqualTo(1_000_003);
        assertBooks(id, 1_000_003, 0, 0);
        assertThat(outboxEvents("ProductUpdated", String.valueOf(id))).isEqualTo(1);
    }

    @Test
    void shouldRefuseBadRestocksAndChangeNothing() {
        long id = createProduct("Not restocked", 500, 3);
        String[] bodies = {"{}", "{\"quantity\":0}", "{\"quantity\":-5}", "{\"quantity\":1000001}", "{\"quantity\":\"5\"}",
            "{\"quantity\":1.5}", "{\"quantity\":null}", "{\"quantity\":", "[]", ""};
        for (String body : bodies) {
            var answer = http.post("/products/" + id + "/stock", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("VALIDATION_FAILED");
        }
        assertBooks(id, 3, 0, 0);
        var unknown = http.post("/products/987654321/stock", "{\"quantity\":5}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("PRODUCT_NOT_FOUND");
        assertThat(outboxEvents("ProductUpdated", String.valueOf(id))).isZero();
    }

    @Test
    void shouldKeepTheAvailableStockAtMostTwoBillion() {
        long id = createProduct("Bulk", 1, 0);
        jdbc.update("UPDATE product SET stock = 1999999999, received = 1999999999 WHERE id = ?", id);

        var over = http.post("/products/" + id + "/stock", "{\"quantity\":2}");
        var exact = http.post("/products/" + id + "/stock", "{\"quantity\":1}");

        assertThat(over.status()).isEqualTo(400);
        assertThat(over.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(over.json().path("errors").get(0).path("field").asText()).isEqualTo("quantity");
        assertThat(exact.status()).isEqualTo(200);
        assertThat(exact.json().path("stock").asLong()).isEqualTo(ProductLimits.MAX_STOCK);
        assertBooks(id, ProductLimits.MAX_STOCK, 0, 0);
    }

    @Test
    void shouldRoutePopularToItsOwnEndpointAndValidateItsParameters() {
        var popular = http.get("/products/popular");
        assertThat(popular.status()).as(popular.body()).isEqualTo(200);
        assertThat(popular.json().path("items").isArray()).isTrue();
        for (String query : new String[] {"days=0", "days=31", "limit=0", "limit=101", "days=abc", "limit=2.5", "days=-3"}) {
            var answer = http.get("/products/popular?" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.code()).as(query).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(http.get("/products/popular?days=30&limit=100").status()).isEqualTo(200);
    }

    @Test
    void shouldDescribeTheCatalogInItsOpenApiDocument() {
        JsonNode paths = http.get("/api-doc").json().path("paths");
        assertThat(paths.has("/products")).isTrue();
        assertThat(paths.has("/products/popular")).isTrue();
        assertThat(paths.has("/products/{productId}/stock")).isTrue();
        assertThat(paths.has("/internal/stock/reservations/{orderId}/release")).isTrue();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }
}
