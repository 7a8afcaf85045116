package io.caravan.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.common.outbox.Outbox;
import io.caravan.common.outbox.OutboxEvent;

/** Fixtures of the catalog route tests: rows as camel-sql answers them, and readers of what the routes answered. */
final class CatalogMother {

    static final String ORDER_ID = "3f2b8c1e-7d4a-4e5b-9c6d-0a1b2c3d4e5f";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogMother() {}

    static Map<String, Object> productRow(long id, String name, long price, long stock) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("description", null);
        row.put("price", price);
        row.put("stock", stock);
        return row;
    }

    /** A row of reserve-lines.sql; {@code unitPrice} null when the units were not taken. */
    static Map<String, Object> reserveLineRow(long productId, int quantity, boolean exists, Long unitPrice) {
        Map<String, Object> row = new HashMap<>();
        row.put("product_id", productId);
        row.put("quantity", quantity);
        row.put("product_exists", exists);
        row.put("unit_price", unitPrice);
        row.put("reserved", unitPrice != null);
        return row;
    }

    static Map<String, Object> storedLineRow(String status, long productId, int quantity, long unitPrice) {
        return Map.of("status", status, "product_id", productId, "quantity", quantity, "unit_price", unitPrice);
    }

    static Map<String, Object> lineRow(long productId, int quantity) {
        return Map.of("product_id", productId, "quantity", quantity);
    }

    static JsonNode json(Exchange exchange) throws Exception {
        return JSON.readTree(exchange.getMessage().getBody(String.class));
    }

    static int status(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    @SuppressWarnings("unchecked")
    static List<OutboxEvent> events(Exchange outboxWrite) {
        return outboxWrite.getProperty(Outbox.EVENTS, List.class);
    }

    static String reservationBody(long... productAndQuantity) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            items.append(i == 0 ? "" : ",").append("{\"productId\":").append(productAndQuantity[i])
                    .append(",\"quantity\":").append(productAndQuantity[i + 1]).append('}');
        }
        return "{\"orderId\":\"" + ORDER_ID + "\",\"items\":[" + items + "]}";
    }
}
