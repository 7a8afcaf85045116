package io.caravan.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.caravan.testsupport.Http;

import static org.awaitility.Awaitility.await;

/**
 * One running instance of an app: a separate JVM started from its runnable jar with a given environment, its
 * output in a log file. It can be stopped (SIGTERM), killed (SIGKILL) and started again with the same port,
 * environment and log file.
 */
public final class AppProcess {

    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("caravan.it.start-timeout-s", 120));
    private static final List<String> JVM_ARGS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final App app;
    private final String name;
    private final Path jar;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    AppProcess(App app, String name, Path jar, Map<String, String> env, Path log) {
        this.app = app;
        this.name = name;
        this.jar = jar;
        this.env = Map.copyOf(env);
        this.log = log;
        this.port = Integer.parseInt(env.get(app.portVariable()));
    }

    public App app() {
        return app;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Http http() {
        return new Http(url());
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the JVM (or starts it again after a stop or kill) and waits until its health endpoint answers 200. */
    public synchronized AppProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_ARGS);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // only what the harness says: nothing of the developer's own Caravan settings leaks in
        builder.environment().keySet().removeIf(AppProcess::isCaravanSetting);
        builder.environment().putAll(env);
        try {
            Files.writeString(log, "%n===== %s starting %s =====%n".formatted(Instant.now(), name),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        awaitHealthy();
        return this;
    }

    /**
     * Waits (bounded) until {@code /actuator/health} answers 200 and the REST routes serve (the OpenAPI document
     * answers 200: Tomcat and the health endpoint are up a moment before Camel's routes); fails at once with the
     * log's end if the JVM exits.
     */
    public void awaitHealthy() {
        await(name + " healthy on port " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up:\n" + logTail(40));
            }
            // health alone is not enough: a configured status mapping answers 200 even while the app is DOWN (Camel
            // still starting its routes); the OpenAPI document answers once the REST routes are up
            return healthStatus() == 200 && statusOf("/api-doc") == 200;
        });
    }

    /** The HTTP status of {@code GET /actuator/health}, or -1 when nothing answers. */
    public int healthStatus() {
        return statusOf("/actuator/health");
    }

    /** The HTTP status of {@code GET path}, or -1 when nothing answers. */
    int statusOf(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops the JVM gracefully (SIGTERM) and waits for it to exit; SIGKILL if it does not within 30 s. */
    public synchronized void stop() {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(30)) {
            process.destroyForcibly();
            waitForExit(10);
        }
    }

    /** Kills the JVM with SIGKILL (a crash: no shutdown hook, nothing finished) and waits until it is gone. */
    public synchronized void kill() {
        if (!isAlive()) {
            return;
        }
        process.destroyForcibly();
        waitForExit(10);
    }

    /** Stops (gracefully) and starts again on the same port with the same environment. */
    public AppProcess restart() {
        stop();
        return start();
    }

    /** The last lines of this instance's log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean waitForExit(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isCaravanSetting(String name) {
        return name.startsWith("CARAVAN_") || name.startsWith("KAFKA_") || name.endsWith("_APP_PORT")
                || name.endsWith("_SERVICE_URL") || name.startsWith("SPRING_") || name.startsWith("SERVER_");
    }

    @Override
    public String toString() {
        return name + " (" + url() + ")";
    }
}
