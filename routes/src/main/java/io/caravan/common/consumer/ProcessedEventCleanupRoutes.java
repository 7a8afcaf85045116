package io.caravan.common.consumer;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.stereotype.Component;

/**
 * Retention of the consumers' processed-event markers ({@link EventConsumers#markProcessed}). A marker only has to
 * outlive every copy of its event a consumer can still receive: a redelivery, or a replay from the topic or its
 * dead-letter topic, which Kafka keeps for the topics' retention. Once an hour the markers older than
 * {@code caravan.consumer.processed-retention-days} are deleted, a batch per statement until none is left. Keep that
 * setting above the retention of the topics and their {@code .DLT} (7 days in the local stack; 14 by default here).
 */
@Component
public class ProcessedEventCleanupRoutes extends RouteBuilder {

    static final String CLEANUP = "direct:processed-event-cleanup";

    @Override
    public void configure() {
        int batch = Integer.parseInt(
                getContext().resolvePropertyPlaceholders("{{caravan.consumer.processed-cleanup-batch:10000}}"));

        from("timer:processed-event-cleanup?delay=60000"
                + "&period={{caravan.consumer.processed-cleanup-period-ms:3600000}}")
                .routeId("common-processed-event-cleanup-timer")
                .autoStartup("{{caravan.consumer.enabled:true}}")
                .to(CLEANUP);

        from(CLEANUP).routeId("common-processed-event-cleanup")
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "io.caravan.consumer",
                            "Processed-event clean-up failed: ${exception.message}")
                .end()
                // a full batch means there may be more
                .setHeader(SqlConstants.SQL_UPDATE_COUNT, constant(batch))
                .loopDoWhile(header(SqlConstants.SQL_UPDATE_COUNT).isEqualTo(batch))
                    .to("sql:DELETE FROM processed_event WHERE ctid = ANY (ARRAY(SELECT ctid FROM processed_event "
                            + "WHERE processed_at < now() - {{caravan.consumer.processed-retention-days:14}} "
                            + "* interval '1 day' LIMIT " + batch + "))")
                .end();
    }
}
