package io.caravan.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;

/**
 * Property placeholders read on every exchange (an event's topic, the outbox relay's batch size), resolved once per
 * CamelContext. {@code CamelContext.resolvePropertyPlaceholders} asks
 * Spring's Environment each time, and that walks every property source: under the order benchmark (JFR, 649ce87) it
 * was in 5-9 % of each app's CPU samples, for values that do not change while the context runs.
 */
public final class ResolvedPlaceholders {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    private ResolvedPlaceholders() {}

    /** {@code text} with its {@code {{...}}} placeholders resolved, the first time in this context only. */
    public static String resolve(CamelContext context, String text) {
        ExtendedCamelContext extension = context.getCamelContextExtension();
        ResolvedPlaceholders resolved = extension.getContextPlugin(ResolvedPlaceholders.class);
        if (resolved == null) {
            synchronized (ResolvedPlaceholders.class) { // once per context, at its first call: not Camel's own lock
                resolved = extension.getContextPlugin(ResolvedPlaceholders.class);
                if (resolved == null) {
                    resolved = new ResolvedPlaceholders();
                    extension.addContextPlugin(ResolvedPlaceholders.class, resolved);
                }
            }
        }
        return resolved.values.computeIfAbsent(text, context::resolvePropertyPlaceholders);
    }
}
