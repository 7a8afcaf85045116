package io.caravan.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server (zonky embedded binaries) per test JVM, shared by every test class; each Spring
 * context gets a fresh database of its own, created empty and migrated by the app's Flyway on start-up.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    /**
     * Points a service test's Spring context at a new empty database for {@code service} (user, catalog or
     * order), which the app's Flyway migrates on start-up.
     */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry, String service) {
        String url = newDatabase(service);
        registry.add("caravan.service", () -> service);
        registry.add("spring.datasource.url", () -> url);
    }

    /**
     * A pool on a new database named after {@code prefix} with the shared tables every service has (the
     * {@code db/common} migrations: outbox, processed events, saga log), for tests of the common building blocks.
     */
    public static HikariDataSource withCommonTables(String prefix, int maximumPoolSize) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(newDatabase(prefix));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(maximumPoolSize);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/common").load().migrate();
        return dataSource;
    }

    /** A JDBC URL of a new empty database named after {@code prefix}. */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
    }
}
