package io.caravan.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.bench.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderRequestsTest {

    private final BenchData data = new BenchData(
            List.of(new BenchData.BenchUser(7, 70L), new BenchData.BenchUser(8, null)), List.of(1L, 2L, 3L), 90, 1000, 91, 5);

    @Test
    void shouldOrderTwoDistinctProductsAsApiJsonWhenRandom() throws Exception {
        OrderRequests requests = new OrderRequests(data, 1.0, 0.0);
        for (int i = 0; i < 200; i++) {
            JsonNode order = Json.MAPPER.readTree(requests.random().json());
            JsonNode items = order.get("items");
            assertEquals(2, items.size());
            assertNotEquals(items.get(0).get("productId").asLong(), items.get(1).get("productId").asLong());
            assertTrue(items.get(0).get("quantity").asInt() >= 1 && items.get(0).get("quantity").asInt() <= 3);
            assertTrue(order.get("pointsToUse").asLong() >= 100 && order.get("pointsToUse").asLong() <= 1000);
            assertEquals("CARD", order.at("/payment/method").asText());
            assertFalse(order.has("couponId"));
            assertFalse(order.get("requestId").asText().isBlank());
        }
    }

    @Test
    void shouldSendTheIssuedCouponAsOptionalOnlyWhenTheUserHoldsOne() throws Exception {
        OrderRequests requests = new OrderRequests(data, 0.0, 1.0);
        for (int i = 0; i < 200; i++) {
            JsonNode order = Json.MAPPER.readTree(requests.random().json());
            if (order.get("userId").asLong() == 7) {
                assertEquals(70, order.get("couponId").asLong());
                assertEquals("OPTIONAL", order.get("couponPolicy").asText());
            } else {
                assertFalse(order.has("couponId"));
            }
            assertEquals(0, order.get("pointsToUse").asLong());
        }
    }

    @Test
    void shouldPutTheHotProductFirstWhenHot() {
        OrderRequests.Order order = new OrderRequests(data, 0, 0).hot(91, 1);

        assertEquals(new OrderRequests.Line(91, 1), order.first());
        assertTrue(List.of(1L, 2L, 3L).contains(order.second().productId()));
    }

    @Test
    void shouldReadBackWhatTheLoaderWroteWhenRoundTripped(@TempDir Path dir) throws Exception {
        data.write(dir);

        assertEquals(data, BenchData.read(dir));
        assertTrue(Files.readString(dir.resolve("users.csv")).contains("8,\n"));
    }
}
