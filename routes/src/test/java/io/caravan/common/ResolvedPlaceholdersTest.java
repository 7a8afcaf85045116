package io.caravan.common;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResolvedPlaceholdersTest {

    @Test
    void shouldAskThePropertiesOnceWhenTheSamePlaceholderIsResolvedAgain() throws Exception {
        try (CamelContext context = contextWith("caravan.topics.order-events", "order-events")) {
            assertEquals("order-events", ResolvedPlaceholders.resolve(context, "{{caravan.topics.order-events}}"));

            Properties changed = new Properties();
            changed.setProperty("caravan.topics.order-events", "changed");
            context.getPropertiesComponent().setOverrideProperties(changed);

            assertEquals("changed", context.resolvePropertyPlaceholders("{{caravan.topics.order-events}}"));
            assertEquals("order-events", ResolvedPlaceholders.resolve(context, "{{caravan.topics.order-events}}"));
        }
    }

    @Test
    void shouldResolveEachContextsOwnValueWhenTwoContextsRun() throws Exception {
        try (CamelContext first = contextWith("caravan.outbox.batch-size", "200");
                CamelContext second = contextWith("caravan.outbox.batch-size", "50")) {
            assertEquals("200", ResolvedPlaceholders.resolve(first, "{{caravan.outbox.batch-size:1}}"));
            assertEquals("50", ResolvedPlaceholders.resolve(second, "{{caravan.outbox.batch-size:1}}"));
            assertEquals("", ResolvedPlaceholders.resolve(second, "{{caravan.notification.webhook-url:}}"));
        }
    }

    private static CamelContext contextWith(String name, String value) {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty(name, value);
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }
}
