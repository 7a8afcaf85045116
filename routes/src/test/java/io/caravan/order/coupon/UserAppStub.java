package io.caravan.order.coupon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * user-app's {@code GET /users/{userId}} stand-in for coupon service tests, over real HTTP on a random port:
 * users below {@link #FIRST_UNKNOWN_USER} exist, {@link #FAILING_USER} answers 500 (user-app broken), any
 * other id answers user-app's 404 USER_NOT_FOUND problem. A request without the service token gets a 401.
 */
final class UserAppStub {

    static final long FIRST_UNKNOWN_USER = 1_000_000;
    static final long FAILING_USER = 5_000_000;
    static final String SERVICE_TOKEN = "test-token";

    private static UserAppStub instance;

    private final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    private UserAppStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 200);
        server.createContext("/users/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "user-app-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    static synchronized UserAppStub instance() {
        if (instance == null) {
            try {
                instance = new UserAppStub();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String id = exchange.getRequestURI().getPath().substring("/users/".length());
        if (!SERVICE_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Caravan-Service-Token"))) {
            send(exchange, 401, problem(401, "UNAUTHORIZED", "service token required"));
            return;
        }
        long userId;
        try {
            userId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            send(exchange, 400, problem(400, "VALIDATION_FAILED", "userId: must be a whole number"));
            return;
        }
        if (userId == FAILING_USER) {
            send(exchange, 500, problem(500, "INTERNAL_ERROR", "broken"));
        } else if (userId < FIRST_UNKNOWN_USER) {
            send(exchange, 200, "{\"id\":" + userId + ",\"name\":\"User " + userId + "\",\"email\":\"u" + userId
                    + "@example.com\",\"createdAt\":\"2026-11-23T10:00:00Z\"}");
        } else {
            send(exchange, 404, problem(404, "USER_NOT_FOUND", "No user with this id"));
        }
    }

    private static String problem(int status, String code, String detail) {
        return "{\"type\":\"https://caravan.io/problems/" + code.toLowerCase().replace('_', '-') + "\",\"title\":\"Error\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
