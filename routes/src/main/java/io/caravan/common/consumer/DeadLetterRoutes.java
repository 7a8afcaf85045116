package io.caravan.common.consumer;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes a record that failed every retry to {@code <topic>.DLT}. The record then counts as finished: the
 * consumer commits its offset with the others of its poll (see {@link EventConsumers#kafka}).
 */
@Component
public class DeadLetterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(EventConsumerPolicy.DEAD_LETTER).routeId("common-dead-letter")
                .log(LoggingLevel.WARN, "io.caravan.consumer",
                        "Dead-lettering record ${header.kafka.TOPIC}@${header.kafka.OFFSET} to ${header.kafka.OVERRIDE_TOPIC}: ${header[caravan-failure-message]}")
                .to("kafka:{{caravan.consumer.dead-letter-fallback-topic:caravan.DLT}}");
    }
}
