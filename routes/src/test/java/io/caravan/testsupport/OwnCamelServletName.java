package io.caravan.testsupport;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the Camel servlet of every Spring context in the test JVM a name of its own. Camel keeps its servlets in a
 * JVM-wide registry by name and refuses a second one of the same name, and Spring's test framework keeps several
 * service contexts alive at once (one per configuration). An app's JVM has one context, so only tests need this.
 */
public class OwnCamelServletName implements EnvironmentPostProcessor {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String name = "CamelServlet-" + CONTEXTS.incrementAndGet();
        environment.getPropertySources().addFirst(new MapPropertySource("own-camel-servlet-name", Map.of(
                "camel.servlet.mapping.servlet-name", name,
                "camel.component.servlet.servlet-name", name)));
    }
}
