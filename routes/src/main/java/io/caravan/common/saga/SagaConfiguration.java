package io.caravan.common.saga;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Makes {@link JdbcSagaService} the saga service of the app's CamelContext when {@code caravan.saga.store} is
 * {@code jdbc} (the default) and the app has a DataSource. It is added as a context service before the context
 * starts: a saga service that is only a bean is found by the Saga EIP but never started. With
 * {@code caravan.saga.store=memory} nothing is registered here (the app may then register Camel's
 * {@code InMemorySagaService}; never both: {@link JdbcSagaService} refuses to start next to another one).
 * A {@link SagaRecoveryPolicy} bean, if the app declares one, decides interrupted sagas.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "caravan.saga.store", havingValue = "jdbc", matchIfMissing = true)
public class SagaConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SagaConfiguration.class);

    @Bean
    @ConfigurationProperties("caravan.saga")
    public SagaProperties caravanSagaProperties() {
        return new SagaProperties();
    }

    @Bean
    public CamelContextConfiguration caravanSagaServiceRegistration(ObjectProvider<DataSource> dataSource, SagaProperties properties,
            ObjectProvider<SagaRecoveryPolicy> policy, ObjectProvider<MeterRegistry> meters) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                DataSource database = dataSource.getIfUnique();
                if (database == null) {
                    LOG.warn("caravan.saga.store=jdbc but no single DataSource: no saga service registered");
                    return;
                }
                JdbcSagaService service = new JdbcSagaService(database, properties,
                        policy.getIfUnique(SagaRecoveryPolicy::compensate), meters.getIfUnique(() -> null));
                try {
                    camelContext.addService(service, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot register the saga service", e);
                }
                LOG.info("Saga log in the service database (instance {})", service.instanceId());
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {}
        };
    }
}
