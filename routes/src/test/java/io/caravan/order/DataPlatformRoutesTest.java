package io.caravan.order;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.caravan.common.consumer.EventConsumerPolicy;
import io.caravan.common.events.EventEnvelope;
import io.caravan.common.rest.CaravanJson;
import io.caravan.testsupport.RouteTestSupport;

import static io.caravan.order.OrderEndpoints.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The order-events consumer that feeds the data platform: the Kafka consumer replaced by direct:, SQL and HTTP mocked. */
class DataPlatformRoutesTest extends RouteTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties properties = new Properties();
        properties.put("caravan.data-platform.url", "http://data-platform.test/orders");
        return properties;
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withMockEndpointsAndSkip("(sql|http):.*");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("dataSource", new DriverManagerDataSource());
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new EventConsumerPolicy(0, 1), new DataPlatformRoutes(), new RouteBuilder() {
            @Override
            public void configure() {
                from(READ_ORDER).setBody(e -> Map.of("orderId", e.getProperty("orderId")));
                from(EventConsumerPolicy.DEAD_LETTER).to("mock:dead-letter");
            }
        }};
    }

    @BeforeEach
    void start() throws Exception {
        AdviceWith.adviceWith(context, ROUTE_DATA_PLATFORM_CONSUMER, a -> a.replaceFromWith("direct:order-events"));
        context.start();
        sql("SELECT 1 AS seen").whenAnyExchangeReceived(e -> e.getMessage().setBody(null));
        platform().whenAnyExchangeReceived(e -> {
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            e.getMessage().setBody("{}");
        });
    }

    @Test
    void shouldSendTheOrderReadFreshAndMarkTheEventWhenAnOrderCompleted() throws Exception {
        EventEnvelope event = EventEnvelope.of("OrderCompleted").orderId("o-1").userId(1);

        template.sendBody("direct:order-events", CaravanJson.write(event));

        assertThat(platform().getReceivedCounter()).isEqualTo(1);
        String sent = platform().getReceivedExchanges().get(0).getMessage().getBody(String.class);
        assertThat(CaravanJson.MAPPER.readTree(sent).path("order").path("orderId").asText()).isEqualTo("o-1");
        assertThat(CaravanJson.MAPPER.readTree(sent).path("eventId").asText()).isEqualTo(event.eventId());
        assertThat(sql("INSERT INTO processed_event").getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreOtherEventsAndEventsAlreadySent() throws Exception {
        template.sendBody("direct:order-events", CaravanJson.write(EventEnvelope.of("OrderCreated").orderId("o-2")));
        sql("SELECT 1 AS seen").whenAnyExchangeReceived(e -> e.getMessage().setBody(Map.of("seen", 1)));
        template.sendBody("direct:order-events", CaravanJson.write(EventEnvelope.of("OrderCompleted").orderId("o-3")));

        assertThat(platform().getReceivedCounter()).isZero();
    }

    @Test
    void shouldDeadLetterWithoutMarkingWhenThePlatformKeepsFailing() throws Exception {
        platform().whenAnyExchangeReceived(e -> e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 500));
        MockEndpoint deadLetter = getMockEndpoint("mock:dead-letter");
        deadLetter.expectedMessageCount(1);

        template.sendBody("direct:order-events", CaravanJson.write(EventEnvelope.of("OrderCompleted").orderId("o-4")));

        deadLetter.assertIsSatisfied();
        assertThat(sql("INSERT INTO processed_event").getReceivedCounter()).isZero();
    }

    private MockEndpoint platform() {
        return find("data-platform.test");
    }

    private MockEndpoint sql(String fragment) {
        return find(fragment.replace(" ", "%20"), fragment);
    }

    private MockEndpoint find(String... fragments) {
        for (Endpoint endpoint : context.getEndpoints()) {
            for (String fragment : fragments) {
                if (endpoint instanceof MockEndpoint mock && endpoint.getEndpointUri().contains(fragment)) {
                    return mock;
                }
            }
        }
        throw new IllegalStateException("No mock for " + String.join(" / ", fragments) + " in " + context.getEndpoints());
    }
}
