package io.caravan.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.bench.Json;

/** A small blocking JSON client for the loader and the checks (HTTP/1.1, keep-alive, a timeout on every call). */
final class ApiClient {

    /** An answer: status and JSON body (a missing node when the body is not JSON). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /**
         * Nobody answered (status 0), or the web layer itself said no route serves the request (404
         * {@code NOT_FOUND} or 405 {@code METHOD_NOT_ALLOWED}, or a 404 without a problem code from a service
         * built before those existed): the service or this endpoint of it does not exist yet. A route's own 404
         * names what it did not find ({@code USER_NOT_FOUND}, ...).
         */
        boolean unavailable() {
            String code = body.path("code").asText("");
            return status == 0
                    || status == 404 && (code.isEmpty() || code.equals("NOT_FOUND"))
                    || status == 405 && code.equals("METHOD_NOT_ALLOWED");
        }

        String describe() {
            return status + " " + body.path("code").asText(body.path("detail").asText(""));
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Answer post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(response.body().isEmpty() ? "{}" : response.body());
            } catch (IOException notJson) {
                body = Json.MAPPER.missingNode();
            }
            return new Answer(response.statusCode(), body == null ? Json.MAPPER.missingNode() : body);
        } catch (IOException e) {
            return new Answer(0, Json.MAPPER.createObjectNode().put("detail", e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, Json.MAPPER.createObjectNode().put("detail", "interrupted"));
        }
    }
}
