package io.caravan.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.caravan.localstack.LocalStack;
import io.caravan.testsupport.Http;

/**
 * The whole of Caravan for black-box tests, started once per test JVM and stopped by a shutdown hook: a real
 * PostgreSQL and a real KRaft Kafka broker in this JVM (local-stack, random ports, throw-away data), and
 * user-app, catalog-app and order-app as separate JVMs from their runnable jars, each on a random free port,
 * with their logs in {@code <caravan.it.work>/logs}. Tests drive the apps over HTTP, read topics with
 * {@link KafkaTestConsumer} and rows over JDBC ({@link #jdbcUrl(App)}, {@link #count}).
 *
 * <pre>
 * static final CaravanSystem caravan = CaravanSystem.get();
 * caravan.http(App.USER).post("/users", "{...}");
 * caravan.kill(App.ORDER); caravan.restart(App.ORDER);         // a crash, then a fresh start on the same port
 * AppProcess second = caravan.startInstance(App.ORDER, "order-app-2", Map.of());   // same database
 * </pre>
 */
public final class CaravanSystem {

    private static CaravanSystem instance;
    private static RuntimeException startFailure;

    private final Path appsDir;
    private final Path workDir;
    private final LocalStack stack;
    private final String serviceToken = UUID.randomUUID().toString();
    private final Map<App, Integer> ports = new EnumMap<>(App.class);
    private final Map<App, AppProcess> apps = new EnumMap<>(App.class);
    private final List<AppProcess> extraInstances = new ArrayList<>();

    private CaravanSystem(Path appsDir, Path workDir, LocalStack stack) {
        this.appsDir = appsDir;
        this.workDir = workDir;
        this.stack = stack;
        for (App app : App.values()) {
            ports.put(app, freePort());
        }
    }

    /** The running system, started on first use (PostgreSQL, Kafka, then the three apps in parallel). */
    public static synchronized CaravanSystem get() {
        if (startFailure != null) {
            throw new IllegalStateException("Caravan did not start (see the first failing test)", startFailure);
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    private static CaravanSystem start() {
        Path appsDir = Path.of(System.getProperty("caravan.apps.dir", "..")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("caravan.it.work", "target/it-work")).toAbsolutePath();
        LocalStack stack;
        try {
            Files.createDirectories(workDir.resolve("logs"));
            stack = LocalStack.start(Files.createTempDirectory(workDir, "stack-"), 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the local stack", e);
        }
        CaravanSystem system = new CaravanSystem(appsDir, workDir, stack);
        Runtime.getRuntime().addShutdownHook(new Thread(system::shutdown, "caravan-it-shutdown"));
        List<CompletableFuture<AppProcess>> starting = new ArrayList<>();
        for (App app : App.values()) {
            AppProcess process = system.newInstance(app, app.appName(), system.ports.get(app), Map.of());
            system.apps.put(app, process);
            starting.add(CompletableFuture.supplyAsync(process::start));
        }
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        return system;
    }

    /** The environment every app instance gets; {@code overrides} win (e.g. another Kafka or database). */
    public Map<String, String> environment(App app, int port, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("CARAVAN_DB_URL", stack.jdbcBaseUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        env.put("CARAVAN_SERVICE_TOKEN", serviceToken);
        for (App other : App.values()) {
            env.put(other.portVariable(), String.valueOf(ports.get(other)));
        }
        env.put(app.portVariable(), String.valueOf(port));
        env.put("USER_SERVICE_URL", "http://localhost:" + ports.get(App.USER));
        env.put("CATALOG_SERVICE_URL", "http://localhost:" + ports.get(App.CATALOG));
        // a killed order-app's claims on its sagas lapse after this (30 s by default): keeps crash tests short
        env.put("CARAVAN_SAGA_LEASE_MS", "15000");
        env.putAll(overrides);
        return env;
    }

    private AppProcess newInstance(App app, String name, int port, Map<String, String> overrides) {
        return new AppProcess(app, name, app.jar(appsDir), environment(app, port, overrides), workDir.resolve("logs").resolve(name + ".log"));
    }

    /**
     * Starts one more instance of an app (on a free port, the same database and Kafka unless {@code overrides}
     * say otherwise) and waits until it is healthy. The caller stops it; the shutdown hook stops it otherwise.
     */
    public AppProcess startInstance(App app, String name, Map<String, String> overrides) {
        AppProcess process = newInstance(app, name, freePort(), overrides);
        synchronized (extraInstances) {
            extraInstances.add(process);
        }
        return process.start();
    }

    public AppProcess app(App app) {
        return apps.get(app);
    }

    public String url(App app) {
        return apps.get(app).url();
    }

    public Http http(App app) {
        return apps.get(app).http();
    }

    /** Stops an app gracefully (SIGTERM). */
    public void stop(App app) {
        apps.get(app).stop();
    }

    /** Kills an app with SIGKILL, as a crash would. */
    public void kill(App app) {
        apps.get(app).kill();
    }

    /** Starts an app again (after {@link #stop} or {@link #kill}: same port and environment) and waits until it is healthy. */
    public void restart(App app) {
        AppProcess process = apps.get(app);
        process.stop();
        process.start();
    }

    public String kafkaBootstrapServers() {
        return stack.kafkaBootstrapServers();
    }

    /** Server part of the JDBC URL, e.g. to point an extra instance at a database of its own. */
    public String jdbcBaseUrl() {
        return stack.jdbcBaseUrl();
    }

    /** The JDBC URL of an app's own database (user postgres, any password). */
    public String jdbcUrl(App app) {
        return stack.jdbcBaseUrl() + "/" + app.database();
    }

    public String serviceToken() {
        return serviceToken;
    }

    public Path workDir() {
        return workDir;
    }

    /** {@code SELECT count(*) ...} (or any query answering one number) on an app's database. */
    public long count(App app, String sql, Object... parameters) {
        return count(jdbcUrl(app), sql, parameters);
    }

    public static long count(String jdbcUrl, String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + jdbcUrl + ": " + sql, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void shutdown() {
        List<AppProcess> all = new ArrayList<>(apps.values());
        synchronized (extraInstances) {
            all.addAll(extraInstances);
        }
        all.parallelStream().forEach(AppProcess::stop);
        try {
            stack.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("caravan-it: stopping the local stack: " + e.getMessage());
        }
    }
}
