package io.caravan.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A service's routes on a real PostgreSQL (see {@link TestPostgres}), over real HTTP on a random port, with
 * no Kafka: the outbox relay and the Kafka consumers are off (profile {@code test}), so tests read the
 * outbox table to see what would be published. Put {@code @DynamicPropertySource} with
 * {@code TestPostgres.newDatabase(..)} for {@code spring.datasource.url} in the test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability
public @interface ServiceTest {}
