package io.caravan.common.outbox;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.caravan.common.events.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxEventTest {

    @Test
    void shouldWriteAbsentIdentifiersAsNullAndTheTimestampAsIsoWhenSerializingThePayload() {
        EventEnvelope envelope = new EventEnvelope("e-1", "OrderCreated", "o-1", "u-1", null, null, null,
                Instant.parse("2026-01-02T03:04:05.678Z"));

        String payload = new OutboxEvent("order-events", "o-1", envelope).payload();

        assertThat(payload).isEqualTo("{\"eventId\":\"e-1\",\"eventType\":\"OrderCreated\",\"orderId\":\"o-1\",\"userId\":\"u-1\","
                + "\"productId\":null,\"couponId\":null,\"requestId\":null,\"timestamp\":\"2026-01-02T03:04:05.678Z\"}");
    }
}
