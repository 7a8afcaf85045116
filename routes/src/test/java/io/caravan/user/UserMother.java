package io.caravan.user;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixtures for user-app service tests: users created over the public API, with points. */
final class UserMother {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private UserMother() {}

    static long newUser(Http http) {
        var created = http.post("/users", "{\"name\":\"User " + SEQ.incrementAndGet() + "\",\"email\":\"u"
                + UUID.randomUUID() + "@example.com\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static long newUserWithPoints(Http http, long points) {
        long userId = newUser(http);
        long left = points;
        while (left > 0) {
            long amount = Math.min(left, 1_000_000);
            var charged = http.post("/users/" + userId + "/points/charge", "{\"amount\":" + amount + "}");
            assertThat(charged.status()).as(charged.body()).isEqualTo(200);
            left -= amount;
        }
        return userId;
    }

    static String deduction(String orderId, long userId, long amount) {
        return "{\"orderId\":\"" + orderId + "\",\"userId\":" + userId + ",\"amount\":" + amount + "}";
    }
}
