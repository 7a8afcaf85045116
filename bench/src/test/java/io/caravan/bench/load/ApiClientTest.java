package io.caravan.bench.load;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldTellAnEndpointThatDoesNotExistFromOneThatRefusesTheRequest() throws Exception {
        assertTrue(answer(0, null).unavailable());
        assertTrue(answer(404, "{\"code\":\"NOT_FOUND\"}").unavailable());
        assertTrue(answer(405, "{\"code\":\"METHOD_NOT_ALLOWED\"}").unavailable());
        assertTrue(answer(404, "{\"title\":\"Not Found\"}").unavailable());

        assertFalse(answer(404, "{\"code\":\"USER_NOT_FOUND\"}").unavailable());
        assertFalse(answer(400, "{\"code\":\"VALIDATION_FAILED\"}").unavailable());
        assertFalse(answer(201, "{\"id\":1}").unavailable());
    }

    private static ApiClient.Answer answer(int status, String body) throws Exception {
        return new ApiClient.Answer(status, body == null ? MissingNode.getInstance() : JSON.readTree(body));
    }
}
