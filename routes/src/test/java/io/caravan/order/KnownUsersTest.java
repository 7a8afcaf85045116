package io.caravan.order;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KnownUsersTest {

    @Test
    void shouldKnowOnlyTheUsersItWasToldAbout() {
        KnownUsers known = new KnownUsers(10, Duration.ofMinutes(30));

        known.remember(1);

        assertThat(known.contains(1)).isTrue();
        assertThat(known.contains(2)).isFalse();
    }

    @Test
    void shouldForgetAUserOnceTheTtlHasPassed() {
        KnownUsers known = new KnownUsers(10, Duration.ofMillis(50));

        known.remember(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> !known.contains(1));
    }

    @Test
    void shouldRememberNobodyWhenTurnedOff() {
        KnownUsers off = new KnownUsers(0, Duration.ofMinutes(30));

        off.remember(1);

        assertThat(off.contains(1)).isFalse();
    }
}
