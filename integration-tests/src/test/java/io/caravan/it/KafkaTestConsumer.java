package io.caravan.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one topic from its beginning, all partitions, without a consumer group (nothing is committed, so every
 * test sees every record). Every wait is bounded: a condition not met in time fails with what was read.
 *
 * <pre>
 * try (var events = KafkaTestConsumer.open(caravan.kafkaBootstrapServers(), "user-events")) {
 *     var created = events.awaitRecord(r -> r.key().equals(id) && KafkaTestConsumer.eventType(r).equals("UserCreated"), Duration.ofSeconds(30));
 * }
 * </pre>
 */
public final class KafkaTestConsumer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private KafkaTestConsumer(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        consumer = new KafkaConsumer<>(props);
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static KafkaTestConsumer open(String bootstrapServers, String topic) {
        return new KafkaTestConsumer(bootstrapServers, topic);
    }

    /** Every record read so far, in the order read. */
    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(seen);
    }

    /** Reads until one record matches, and answers it. */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        pollUntil(records -> records.stream().anyMatch(match), timeout);
        return seen.stream().filter(match).findFirst().orElseThrow();
    }

    /** Reads until everything read so far satisfies {@code done}, and answers everything read. */
    public List<ConsumerRecord<String, String>> pollUntil(Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not seen on " + topic + " within " + timeout + "; read " + seen.size() + " records: " + describe());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return records();
    }

    /** Reads up to the end of every partition as it is now (records published later are not waited for). */
    public List<ConsumerRecord<String, String>> readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        return pollUntil(records -> end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue()), timeout);
    }

    /** The record's value as JSON. */
    public static JsonNode value(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON on " + record.topic() + ": " + record.value(), e);
        }
    }

    /** The {@code eventType} of a Caravan event record, or "" when it has none or is not JSON (a poison record). */
    public static String eventType(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("eventType").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        seen.stream().skip(Math.max(0, seen.size() - 10)).forEach(r -> text.append("\n  ").append(r.key()).append(" -> ").append(r.value()));
        return text.toString();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
