package io.caravan.common.outbox;

import io.caravan.common.events.EventEnvelope;
import io.caravan.common.rest.CaravanJson;

/** One row for the outbox: the topic, the record key (the aggregate id) and the envelope. */
public record OutboxEvent(String topic, String key, EventEnvelope event) {

    public String eventId() {
        return event.eventId();
    }

    public String eventType() {
        return event.eventType();
    }

    public String payload() {
        return CaravanJson.MAPPER.copy()
                .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
                .valueToTree(event)
                .toString();
    }
}
