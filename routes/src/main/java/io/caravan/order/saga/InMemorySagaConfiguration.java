package io.caravan.order.saga;

import org.apache.camel.CamelContext;
import org.apache.camel.saga.InMemorySagaService;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The saga coordinator of the Saga EIP: Camel's {@link InMemorySagaService} (as {@link InMemorySagas}, which
 * forgets finished sagas), added as a context service before the context starts (a plain bean is found but
 * never started). Its state lives in memory only; a durable
 * database-backed service replaces it by setting {@code caravan.saga.store} to something else than {@code memory}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "caravan.saga.store", havingValue = "memory", matchIfMissing = true)
public class InMemorySagaConfiguration {

    @Bean
    CamelContextConfiguration inMemorySagaService(
            @Value("${caravan.saga.max-retry-attempts:5}") int maxRetryAttempts,
            @Value("${caravan.saga.retry-delay-ms:500}") long retryDelayMs) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                try {
                    camelContext.addService(service(maxRetryAttempts, retryDelayMs), true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot add the saga service", e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {}
        };
    }

    /** An in-memory coordinator that tries each compensation or completion {@code maxRetryAttempts} times. */
    public static InMemorySagaService service(int maxRetryAttempts, long retryDelayMs) {
        InMemorySagaService service = new InMemorySagas();
        service.setMaxRetryAttempts(maxRetryAttempts);
        service.setRetryDelayInMilliseconds(retryDelayMs);
        return service;
    }
}
