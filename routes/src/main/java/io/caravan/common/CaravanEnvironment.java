package io.caravan.common;

import java.io.IOException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code caravan-common.yml} (settings every app shares: REST, Kafka, actuator, breakers, outbox) as the
 * lowest-precedence property source, so an app's {@code application.yml} and the environment override it.
 */
public class CaravanEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("caravan-common", new ClassPathResource("caravan-common.yml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read caravan-common.yml", e);
        }
    }
}
