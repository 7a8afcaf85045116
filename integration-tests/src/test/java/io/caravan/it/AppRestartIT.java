package io.caravan.it;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.caravan.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness's crash and restart controls, on the one app with endpoints today: data survives a SIGKILL. */
class AppRestartIT {

    private static final CaravanSystem caravan = CaravanSystem.get();

    @Test
    void shouldKeepCommittedUserWhenUserAppIsKilledAndRestarted() {
        String email = "crash-" + UUID.randomUUID() + "@example.com";
        Http.Response created = caravan.http(App.USER).post("/users", "{\"name\":\"Crash\",\"email\":\"" + email + "\"}");
        assertThat(created.status()).isEqualTo(201);
        long pidBefore = caravan.app(App.USER).pid();

        caravan.kill(App.USER);
        assertThat(caravan.app(App.USER).isAlive()).isFalse();
        caravan.restart(App.USER);

        assertThat(caravan.app(App.USER).pid()).isNotEqualTo(pidBefore);
        Http.Response read = caravan.http(App.USER).get(created.header("Location"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("email").asText()).isEqualTo(email);
    }
}
