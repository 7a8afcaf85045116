package io.caravan.catalog;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reserve, release and confirm over HTTP on PostgreSQL: every answer and error code, idempotency, the books. */
class StockReservationApiTest extends CatalogServiceTestBase {

    @Test
    void shouldReserveEveryLineAtTheCatalogPriceAndWriteOneStockReservedPerProduct() {
        long a = createProduct("Lamp", 1500, 10);
        long b = createProduct("Desk", 20000, 3);
        String orderId = newOrderId();

        var answer = reserve(orderId, b, 2, a, 3);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var json = answer.json();
        assertThat(json.path("orderId").asText()).isEqualTo(orderId);
        assertThat(json.path("status").asText()).isEqualTo("RESERVED");
        assertThat(json.path("totalAmount").asLong()).isEqualTo(3 * 1500 + 2 * 20000);
        assertThat(json.path("items")).hasSize(2);
        assertThat(json.path("items").get(0).path("productId").asLong()).isEqualTo(a);
        assertThat(json.path("items").get(0).path("unitPrice").asLong()).isEqualTo(1500);
        assertThat(json.path("items").get(0).path("lineAmount").asLong()).isEqualTo(4500);
        assertThat(json.path("items").get(1).path("quantity").asInt()).isEqualTo(2);
        assertBooks(a, 7, 3, 0);
        assertBooks(b, 1, 2, 0);
        assertThat(http.get("/products/" + a).json().path("stock").asLong()).isEqualTo(7);
        assertThat(outboxEvents("StockReserved", String.valueOf(a))).isEqualTo(1);
        assertThat(outboxEvents("StockReserved", String.valueOf(b))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE event_type = 'StockReserved' AND payload->>'orderId' = ?", orderId))
                .isEqualTo(2);
    }

    @Test
    void shouldAnswerTheStoredReservationAndReserveNothingMoreWhenRepeated() {
        long a = createProduct("Mug", 900, 10);
        String orderId = newOrderId();
        var first = reserve(orderId, a, 4);
        http.patch("/products/" + a, "{\"price\":1200}");

        var again = reserve(orderId, a, 4);
        var differentBody = reserve(orderId, a, 1);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(differentBody.json()).isEqualTo(first.json());
        assertThat(again.json().path("items").get(0).path("unitPrice").asLong()).isEqualTo(900);
        assertBooks(a, 6, 4, 0);
        assertThat(outboxEvents("StockReserved", String.valueOf(a))).isEqualTo(1);
    }

    @Test
    void shouldAcceptAnUpperCaseOrderIdAndAnswerItCanonical() {
        long a = createProduct("Cup", 100, 5);
        String orderId = newOrderId();

        var answer = reserve(orderId.toUpperCase(), a, 1);

        assertThat(answer.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(reserve(orderId, a, 1).json()).isEqualTo(answer.json());
        assertThat(release(orderId.toUpperCase()).json().path("status").asText()).isEqualTo("RELEASED");
        assertBooks(a, 5, 0, 0);
    }

    @Test
    void shouldRefuseWithInsufficientStockListingEveryShortProductAndChangeNothing() {
        long plenty = createProduct("Plenty", 100, 50);
        long shortOne = createProduct("Short one", 100, 1);
        long shortTwo = createProduct("Short two", 100, 0);
        String orderId = newOrderId();
        int events = count("SELECT count(*) FROM outbox");

        var answer = reserve(orderId, shortTwo, 1, plenty, 5, shortOne, 2);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(answer.json().path("productIds").toString()).isEqualTo("[" + shortOne + "," + shortTwo + "]");
        assertBooks(plenty, 50, 0, 0);
        assertBooks(shortOne, 1, 0, 0);
        assertThat(count("SELECT count(*) FROM stock_reservation WHERE order_id = CAST(? AS uuid)", orderId)).isZero();
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(events);

        http.post("/products/" + shortOne + "/stock", "{\"quantity\":1}");
        http.post("/products/" + shortTwo + "/stock", "{\"quantity\":1}");
        assertThat(reserve(orderId, shortTwo, 1, plenty, 5, shortOne, 2).status()).as("the same order after restocking").isEqualTo(200);
    }

    @Test
    void shouldRefuseWithProductNotFoundListingTheUnknownProductsAndChangeNothing() {
        long known = createProduct("Known", 100, 5);
        String orderId = newOrderId();

        var answer = reserve(orderId, known, 1, 987654321, 1);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("PRODUCT_NOT_FOUND");
        assertThat(answer.json().path("productIds").toString()).isEqualTo("[987654321]");
        assertBooks(known, 5, 0, 0);
        assertThat(count("SELECT count(*) FROM stock_reservation WHERE order_id = CAST(? AS uuid)", orderId)).isZero();
    }

    @Test
    void shouldReleaseOnceGivingTheStockBackAndRefuseTheOrderAfterwards() {
        long a = createProduct("Chair", 700, 10);
        long b = createProduct("Table", 900, 10);
        String orderId = newOrderId();
        reserve(orderId, a, 2, b, 3);

        var released = release(orderId);
        var again = release(orderId);

        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(released.json().path("status").asText()).isEqualTo("RELEASED");
        assertThat(again.json().path("status").asText()).isEqualTo("RELEASED");
        assertBooks(a, 10, 0, 0);
        assertBooks(b, 10, 0, 0);
        assertThat(outboxEvents("StockReleased", String.valueOf(a))).isEqualTo(1);
        assertThat(outboxEvents("StockReleased", String.valueOf(b))).isEqualTo(1);
        var late = reserve(orderId, a, 2, b, 3);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("RESERVATION_RELEASED");
        var confirmation = confirm(orderId);
        assertThat(confirmation.status()).isEqualTo(409);
        assertThat(confirmation.code()).isEqualTo("RESERVATION_RELEASED");
        assertBooks(a, 10, 0, 0);
    }

    @Test
    void shouldLeaveATombstoneWhenReleaseComesFirstAndRefuseTheLateReservation() {
        long a = createProduct("Shelf", 300, 4);
        String orderId = newOrderId();

        var released = release(orderId);
        var again = release(orderId);
        var late = reserve(orderId, a, 1);

        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().path("status").asText()).isEqualTo("TOMBSTONE");
        assertThat(again.json().path("status").asText()).isEqualTo("TOMBSTONE");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("RESERVATION_RELEASED");
        assertThat(confirm(orderId).code()).isEqualTo("RESERVATION_RELEASED");
        assertBooks(a, 4, 0, 0);
        assertThat(count("SELECT count(*) FROM outbox WHERE payload->>'orderId' = ?", orderId)).isZero();
    }

    @Test
    void shouldConfirmOnceMovingReservedToSoldAndRefuseALateRelease() {
        long a = createProduct("Bed", 50000, 5);
        String orderId = newOrderId();
        var reserved = reserve(orderId, a, 2);

        var confirmed = confirm(orderId);
        var again = confirm(orderId);
        var lateRelease = release(orderId);
        var repeatedReservation = reserve(orderId, a, 2);

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(lateRelease.status()).isEqualTo(409);
        assertThat(lateRelease.code()).isEqualTo("RESERVATION_CONFIRMED");
        assertThat(repeatedReservation.status()).isEqualTo(200);
        assertThat(repeatedReservation.json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(repeatedReservation.json().path("items")).isEqualTo(reserved.json().path("items"));
        assertBooks(a, 3, 0, 2);
        assertThat(http.get("/products/" + a).json().path("stock").asLong()).isEqualTo(3);
    }

    @Test
    void shouldAnswerReservationNotFoundWhenConfirmingAnUnknownOrderAndLeaveNoRow() {
        String orderId = newOrderId();

        var answer = confirm(orderId);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("RESERVATION_NOT_FOUND");
        assertThat(count("SELECT count(*) FROM stock_reservation WHERE order_id = CAST(? AS uuid)", orderId)).isZero();
    }

    @Test
    void shouldAnswerValidationFailedAndChangeNothingForBadReservations() {
        long a = createProduct("Valid", 100, 10);
        long b = createProduct("Other", 100, 10);
        String id = newOrderId();
        List<String> bodies = new ArrayList<>(List.of(
                "{\"orderId\":\"not-a-uuid\",\"items\":[{\"productId\":" + a + ",\"quantity\":1}]}",
                "{\"orderId\":\"" + id + "x\",\"items\":[{\"productId\":" + a + ",\"quantity\":1}]}",
                "{\"orderId\":42,\"items\":[{\"productId\":" + a + ",\"quantity\":1}]}",
                "{\"items\":[{\"productId\":" + a + ",\"quantity\":1}]}",
                "{\"orderId\":\"" + id + "\"}",
                "{\"orderId\":\"" + id + "\",\"items\":[]}",
                "{\"orderId\":\"" + id + "\",\"items\":{}}",
                "{\"orderId\":\"" + id + "\",\"items\":[null]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":" + a + ",\"quantity\":1},{\"productId\":" + a + ",\"quantity\":2}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":" + a + ",\"quantity\":0}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":" + a + ",\"quantity\":1001}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":" + a + ",\"quantity\":\"1\"}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":" + a + ",\"quantity\":1.5}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":" + a + ",\"quantity\":99999999999}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":" + a + "}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":0,\"quantity\":1}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":-" + b + ",\"quantity\":1}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":\"" + b + "\",\"quantity\":1}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":1e30,\"quantity\":1}]}",
                "{\"orderId\":\"" + id + "\",\"items\":[{\"productId\":" + a + ",\"quantity\":1}]",
                "[]",
                "",
                "null"));
        StringBuilder tooMany = new StringBuilder();
        for (int i = 1; i <= 51; i++) {
            tooMany.append(i == 1 ? "" : ",").append("{\"productId\":").append(i).append(",\"quantity\":1}");
        }
        bodies.add("{\"orderId\":\"" + id + "\",\"items\":[" + tooMany + "]}");
        int events = count("SELECT count(*) FROM outbox");

        for (String body : bodies) {
            var answer = internal.post("/internal/stock/reservations", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.json().path("errors").isArray()).as(body).isTrue();
            assertThat(answer.body()).as(body).doesNotContain("Exception").doesNotContain("SQL");
        }
        assertBooks(a, 10, 0, 0);
        assertBooks(b, 10, 0, 0);
        assertThat(count("SELECT count(*) FROM stock_reservation WHERE order_id = CAST(? AS uuid)", id)).isZero();
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(events);
    }

    @Test
    void shouldAnswerValidationFailedForOrderIdsInThePathThatAreNotUuids() {
        for (String bad : new String[] {"abc", "123", newOrderId() + "0", "1-2-3-4-5"}) {
            var release = internal.post("/internal/stock/reservations/" + bad + "/release", null);
            var confirmation = internal.post("/internal/stock/reservations/" + bad + "/confirm", null);
            assertThat(release.status()).as(bad).isEqualTo(400);
            assertThat(release.code()).as(bad).isEqualTo("VALIDATION_FAILED");
            assertThat(confirmation.status()).as(bad).isEqualTo(400);
        }
        assertThat(count("SELECT count(*) FROM stock_reservation WHERE order_id::text LIKE '00000001-%'")).isZero();
    }

    @Test
    void shouldRequireTheServiceToken() {
        long a = createProduct("Guarded", 100, 5);

        var answer = http.post("/internal/stock/reservations", reservation(newOrderId(), a, 1));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHORIZED");
        assertBooks(a, 5, 0, 0);
    }
}
