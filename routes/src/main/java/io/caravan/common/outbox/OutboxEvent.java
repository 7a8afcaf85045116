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

    /**
     * The envelope as JSON, absent identifiers as {@code null} (the envelope's own {@code @JsonInclude(ALWAYS)}).
     * Written with the shared mapper: a copied mapper per call would rebuild every serializer each time.
     */
    public String payload() {
        return CaravanJson.write(event);
    }
}
