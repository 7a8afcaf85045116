package io.caravan.common.consumer;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caravan.testsupport.RouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** A consumer that keeps failing is retried, then its original record goes to <topic>.DLT with the failure. */
class EventConsumerPolicyTest extends RouteTestSupport {

    private static final int RETRIES = 2;

    private final AtomicInteger attempts = new AtomicInteger();
    private volatile int failuresBeforeSuccess;

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new EventConsumerPolicy(RETRIES, 1), new DeadLetterRoutes(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order-events").routeId("test-consumer-order-completed").routeConfigurationId(EventConsumerPolicy.ID)
                        .process(EventConsumers::readEnvelope)
                        .process(e -> e.getMessage().setBody("changed by the consumer"))
                        .process(e -> {
                            if (attempts.incrementAndGet() <= failuresBeforeSuccess) {
                                throw new IllegalStateException("sales table unavailable");
                            }
                        })
                        .to("mock:done");
            }
        }};
    }

    @BeforeEach
    void adviseDeadLetter() throws Exception {
        AdviceWith.adviceWith(context, "common-dead-letter", a -> a.weaveByToUri("kafka:*").replace().to("mock:dlt"));
        context.start();
    }

    @Test
    void shouldDeadLetterTheOriginalRecordWithTheFailureWhenEveryRetryFails() throws Exception {
        failuresBeforeSuccess = Integer.MAX_VALUE;
        MockEndpoint dlt = getMockEndpoint("mock:dlt");
        dlt.expectedMessageCount(1);
        getMockEndpoint("mock:done").expectedMessageCount(0);

        Exchange answer = template.send("direct:order-events", this::orderCompletedRecord);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(answer.getException()).isNull();
        assertThat(attempts).hasValue(1 + RETRIES);
        var dead = dlt.getExchanges().get(0).getMessage();
        assertThat(dead.getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("order-events.DLT");
        assertThat(dead.getHeader("caravan-failure-topic")).isEqualTo("order-events");
        assertThat(dead.getHeader("caravan-failure-route")).isEqualTo("test-consumer-order-completed");
        assertThat(dead.getHeader("caravan-failure-exception")).isEqualTo(IllegalStateException.class.getName());
        assertThat(dead.getHeader("caravan-failure-message")).isEqualTo("sales table unavailable");
        assertThat(dead.getHeader("caravan-failure-offset")).isEqualTo("42");
        assertThat(dead.getBody(String.class)).contains("\"eventType\":\"OrderCompleted\"");
    }

    @Test
    void shouldProcessWithoutDeadLetterWhenARetrySucceeds() throws Exception {
        failuresBeforeSuccess = RETRIES;
        getMockEndpoint("mock:dlt").expectedMessageCount(0);
        getMockEndpoint("mock:done").expectedMessageCount(1);

        template.send("direct:order-events", this::orderCompletedRecord);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(attempts).hasValue(1 + RETRIES);
    }

    @Test
    void shouldDeadLetterWithoutProcessingWhenRecordIsNotAnEvent() throws Exception {
        MockEndpoint dlt = getMockEndpoint("mock:dlt");
        dlt.expectedMessageCount(1);

        template.send("direct:order-events", e -> {
            orderCompletedRecord(e);
            e.getMessage().setBody("{\"hello\":\"world\"}");
        });

        MockEndpoint.assertIsSatisfied(context);
        assertThat(attempts).hasValue(0);
        assertThat(dlt.getExchanges().get(0).getMessage().getHeader("caravan-failure-exception"))
                .isEqualTo(IllegalArgumentException.class.getName());
    }

    private void orderCompletedRecord(Exchange exchange) {
        exchange.getMessage().setBody("{\"eventId\":\"5b7e1f0e-0000-4000-8000-000000000001\",\"eventType\":\"OrderCompleted\","
                + "\"orderId\":\"o-1\",\"userId\":\"7\",\"productId\":null,\"couponId\":null,\"requestId\":null,"
                + "\"timestamp\":\"2026-11-23T10:00:00Z\"}");
        exchange.getMessage().setHeader(KafkaConstants.TOPIC, "order-events");
        exchange.getMessage().setHeader(KafkaConstants.OFFSET, 42L);
    }
}
