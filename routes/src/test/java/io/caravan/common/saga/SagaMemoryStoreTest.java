package io.caravan.common.saga;

import org.apache.camel.CamelContext;
import org.apache.camel.saga.CamelSagaService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.caravan.testsupport.ServiceTest;
import io.caravan.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** caravan.saga.store=memory leaves the saga service to the app (Camel's InMemorySagaService). */
@ServiceTest
@SpringBootTest(classes = SagaConfigurationTest.CommonOnlyApplication.class, properties = "caravan.saga.store=memory",
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SagaMemoryStoreTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "user");
    }

    @Autowired
    CamelContext camelContext;

    @Test
    void shouldRegisterNoJdbcSagaServiceWhenTheStoreIsMemory() {
        assertThat(camelContext.hasService(CamelSagaService.class)).isNull();
    }
}
