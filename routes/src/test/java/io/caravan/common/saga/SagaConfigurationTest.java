package io.caravan.common.saga;

import org.apache.camel.CamelContext;
import org.apache.camel.saga.CamelSagaService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.caravan.testsupport.ServiceTest;
import io.caravan.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** In an app, the saga log is the CamelContext's one started saga service unless caravan.saga.store=memory. */
@ServiceTest
class SagaConfigurationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "user");
    }

    @Autowired
    CamelContext camelContext;

    @Test
    void shouldRegisterAndStartTheJdbcSagaServiceByDefault() {
        CamelSagaService service = camelContext.hasService(CamelSagaService.class);

        assertThat(service).isInstanceOf(JdbcSagaService.class);
        assertThat(((JdbcSagaService) service).isStarted()).isTrue();
        assertThat(camelContext.hasServices(CamelSagaService.class)).hasSize(1);
    }

    /** The common building blocks only. */
    @SpringBootApplication(scanBasePackages = "io.caravan.common")
    static class CommonOnlyApplication {}
}
