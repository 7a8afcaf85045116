package io.caravan.it;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.awaitility.Awaitility.await;

/** Writing records as any producer would, and waiting (bounded) until the services' consumer groups have read a topic. */
final class KafkaTestSupport {

    private KafkaTestSupport() {}

    /** A plain String producer (acks=all); the caller closes it. */
    static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    /**
     * Waits until every consumer group has committed, on every partition of the topic, at least the end offset the
     * topic has now: everything published before this call was processed (or dead-lettered) by those groups.
     */
    static void awaitConsumed(String bootstrapServers, String topic, List<String> groups, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, Long> end = endOffsets(admin, topic);
            await("consumer groups " + groups + " past " + end).atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> {
                for (String group : groups) {
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                        OffsetAndMetadata offset = committed.get(partition.getKey());
                        if (partition.getValue() > 0 && (offset == null || offset.offset() < partition.getValue())) {
                            return false;
                        }
                    }
                }
                return true;
            });
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the end offsets of " + topic, e);
        }
    }
}
