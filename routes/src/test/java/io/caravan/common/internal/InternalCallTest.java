package io.caravan.common.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.caravan.common.problem.ProblemException;
import io.caravan.testsupport.RouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client route against a real tiny HTTP server standing in for the downstream service: answers, refusals,
 * failures, a too-slow answer and the circuit breaker opening.
 */
class InternalCallTest extends RouteTestSupport {

    private static final String CALL = "direct:test-call";
    private static final String EXTERNAL = "direct:test-external";
    private static final String DELIVERY = "direct:test-delivery";

    private HttpServer downstream;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, String> lastRequest = new ConcurrentHashMap<>();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);

    @Override
    protected Properties extraProperties() {
        Properties properties = new Properties();
        properties.put("caravan.http.response-timeout-ms", "300");
        return properties;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws IOException {
        downstream = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        downstream.setExecutor(Executors.newCachedThreadPool());
        downstream.createContext("/internal/", this::answer);
        downstream.start();
        String baseUrl = "http://localhost:" + downstream.getAddress().getPort();
        return new RoutesBuilder[] {new RouteBuilder() {
            @Override
            public void configure() {
                InternalCall.define(this, CALL, "test-client-call", "POST", baseUrl, "/internal/${exchangeProperty.what}");
                InternalCall.defineExternal(this, EXTERNAL, "test-client-external", "POST", baseUrl,
                        "/internal/${exchangeProperty.what}", "{{caravan.http.response-timeout-ms}}");
                InternalCall.defineDelivery(this, DELIVERY + "-text", "test-client-delivery-text",
                        baseUrl + "/internal/text", "{{caravan.http.response-timeout-ms}}");
                InternalCall.defineDelivery(this, DELIVERY + "-missing", "test-client-delivery-missing",
                        baseUrl + "/internal/missing", "{{caravan.http.response-timeout-ms}}");
                from("direct:guarded-call").routeId("test-guarded-call")
                        .doTry()
                            .to(CALL)
                        .doCatch(ProblemException.class)
                            .setBody(simple("caught ${exception.message}"))
                        .end();
            }
        }};
    }

    @BeforeEach
    void smallBreaker() {
        // the breaker settings of caravan-common.yml, scaled down: open after 4 calls with half of them failed
        Resilience4jConfigurationDefinition breaker = new Resilience4jConfigurationDefinition()
                .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50f).waitDurationInOpenState(60);
        context.getCamelContextExtension().getContextPlugin(Model.class).setResilience4jConfiguration(breaker);
        context.start();
    }

    @AfterEach
    void stopDownstream() {
        releaseSlow.countDown();
        downstream.stop(0);
    }

    @Test
    void shouldAnswerTheBodyAsMapWithTheServiceTokenWhenDownstreamAnswers2xx() {
        Exchange answer = call("ok", new Reserve("o-1", 2));

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getBody(Map.class)).containsEntry("status", "RESERVED").containsEntry("id", 5);
        assertThat(answer.getMessage().getHeaders()).doesNotContainKey(Exchange.HTTP_RESPONSE_CODE);
        assertThat(lastRequest).containsEntry("method", "POST").containsEntry("token", "test-token")
                .containsEntry("body", "{\"orderId\":\"o-1\",\"quantity\":2}");
    }

    @Test
    void shouldRaiseTheSameProblemWhenDownstreamRefusesWithAProblem() {
        Exchange answer = call("conflict", Map.of());

        ProblemException problem = problem(answer);
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.code()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(problem.detail()).isEqualTo("Not enough stock for product 10");
        assertThat(problem.extensions()).containsEntry("productId", 10).doesNotContainKeys("type", "title", "status", "code", "detail");
    }

    @Test
    void shouldRaiseServiceUnavailableWhenDownstreamFails() {
        ProblemException problem = problem(call("broken", Map.of()));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.detail()).doesNotContain("500");
        assertThat(problem).isNotInstanceOf(BreakerOpenException.class);
    }

    @Test
    void shouldLetACallersDoCatchHandleTheServiceUnavailableOfTheFallback() {
        Exchange answer = template.request("direct:guarded-call", e -> e.setProperty("what", "broken"));

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getBody(String.class)).startsWith("caught A service this request depends on is unavailable");
    }

    @Test
    void shouldRaiseServiceUnavailableWhenDownstreamAnswersTooLate() {
        ProblemException problem = problem(call("slow", Map.of()));

        assertThat(problem.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(calls.get("slow")).hasValue(1);
    }

    @Test
    void shouldAnswerServiceUnavailableWithoutCallingWhenBreakerIsOpen() {
        for (int i = 0; i < 4; i++) {
            assertThat(problem(call("broken", Map.of())).code()).isEqualTo("SERVICE_UNAVAILABLE");
        }
        assertThat(calls.get("broken")).hasValue(4);

        ProblemException problem = problem(call("ok", Map.of()));

        assertThat(problem.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem).isInstanceOf(BreakerOpenException.class);
        assertThat(problem.detail()).contains("circuit breaker is open");
        assertThat(calls).doesNotContainKey("ok");
    }

    @Test
    void shouldKeepBreakerClosedWhenDownstreamRefusesWithProblems() {
        for (int i = 0; i < 6; i++) {
            assertThat(problem(call("conflict", Map.of())).code()).isEqualTo("INSUFFICIENT_STOCK");
        }

        assertThat(call("ok", Map.of()).getException()).isNull();
        assertThat(calls.get("ok")).hasValue(1);
    }

    @Test
    void shouldAcceptADeliveryWhateverTheBodyOfTheTwoHundredAndSendNoServiceToken() {
        Exchange answer = template.request(DELIVERY + "-text",
                e -> e.getMessage().setBody(Map.of("notificationId", 1)));

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getBody(Map.class)).isEmpty();
        assertThat(calls.get("text")).hasValue(1);
        assertThat(lastRequest).containsEntry("method", "POST").containsEntry("token", "null")
                .containsEntry("body", "{\"notificationId\":1}");
    }

    @Test
    void shouldRaiseTheStatusOfARefusedDeliveryWhoseBodyIsNoProblemDocument() {
        ProblemException problem = problem(template.request(DELIVERY + "-missing", e -> e.getMessage().setBody("{}")));

        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.code()).isEqualTo("DOWNSTREAM_REFUSED");
    }

    @Test
    void shouldNotTakeAnAnswerThatIsNotJsonForAnAnswerWhenItIsRead() {
        // the payment gateway's answer is read (its payment id): a body that is not JSON must fail the call
        Exchange answer = template.request(EXTERNAL, e -> e.setProperty("what", "text"));

        assertThat(answer.getException()).isNotNull().isNotInstanceOf(ProblemException.class);
        assertThat(lastRequest).containsEntry("token", "null");
    }

    record Reserve(String orderId, int quantity) {}

    private Exchange call(String what, Object body) {
        return template.request(CALL, e -> {
            e.setProperty("what", what);
            e.getMessage().setBody(body);
        });
    }

    private static ProblemException problem(Exchange answer) {
        assertThat(answer.getException()).isInstanceOf(ProblemException.class);
        return (ProblemException) answer.getException();
    }

    private void answer(HttpExchange http) throws IOException {
        String what = http.getRequestURI().getPath().substring("/internal/".length());
        calls.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        lastRequest.put("method", http.getRequestMethod());
        lastRequest.put("token", String.valueOf(http.getRequestHeaders().getFirst(ServiceTokenFilter.HEADER)));
        lastRequest.put("body", new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        switch (what) {
            case "ok" -> send(http, 200, "application/json", "{\"id\":5,\"status\":\"RESERVED\"}");
            case "text" -> send(http, 200, "text/plain", "OK");
            case "missing" -> send(http, 404, "text/html", "<html><body>Not Found</body></html>");
            case "conflict" -> send(http, 409, "application/problem+json",
                    "{\"type\":\"https://caravan.io/problems/insufficient-stock\",\"title\":\"Conflict\",\"status\":409,"
                            + "\"detail\":\"Not enough stock for product 10\",\"code\":\"INSUFFICIENT_STOCK\",\"productId\":10}");
            case "slow" -> {
                try {
                    // holds the answer until the test is over: far beyond the 300 ms response timeout
                    releaseSlow.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(http, 200, "application/json", "{}");
            }
            default -> send(http, 500, "text/plain", "java.lang.NullPointerException at Something");
        }
    }

    private static void send(HttpExchange http, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().add("Content-Type", contentType);
        http.sendResponseHeaders(status, bytes.length);
        http.getResponseBody().write(bytes);
        http.close();
    }
}
