package io.caravan.common.consumer;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The consumer error policy, defined once: Kafka consumer routes opt in with
 * {@code .routeConfigurationId(EventConsumerPolicy.ID)}. A failing record is retried with exponential back-off,
 * then the original record goes to {@code <topic>.DLT} with the failure in its headers, and its offset is
 * committed so the records behind it are not held up.
 */
@Component
public class EventConsumerPolicy extends RouteConfigurationBuilder {

    public static final String ID = "event-consumer";
    public static final String DEAD_LETTER = "direct:dead-letter";

    private final int maxRedeliveries;
    private final long redeliveryDelayMs;

    public EventConsumerPolicy(
            @Value("${caravan.consumer.max-redeliveries:3}") int maxRedeliveries,
            @Value("${caravan.consumer.redelivery-delay-ms:200}") long redeliveryDelayMs) {
        this.maxRedeliveries = maxRedeliveries;
        this.redeliveryDelayMs = redeliveryDelayMs;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .errorHandler(deadLetterChannel(DEAD_LETTER)
                        .useOriginalMessage()
                        .maximumRedeliveries(maxRedeliveries)
                        .redeliveryDelay(redeliveryDelayMs)
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(5000)
                        .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                        .onPrepareFailure(EventConsumerPolicy::describeFailure));
    }

    private static void describeFailure(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        var message = exchange.getMessage();
        String topic = message.getHeader(KafkaConstants.TOPIC, String.class);
        message.setHeader(KafkaConstants.OVERRIDE_TOPIC, topic + ".DLT");
        message.setHeader("caravan-failure-topic", topic);
        message.setHeader("caravan-failure-route", String.valueOf(exchange.getProperty(Exchange.FAILURE_ROUTE_ID)));
        message.setHeader("caravan-failure-exception", failure == null ? "unknown" : failure.getClass().getName());
        message.setHeader("caravan-failure-message", failure == null ? "" : String.valueOf(failure.getMessage()));
        Long offset = message.getHeader(KafkaConstants.OFFSET, Long.class);
        message.setHeader("caravan-failure-offset", String.valueOf(offset));
    }
}
