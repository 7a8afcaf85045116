package io.caravan.order;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The users order-app has recently seen user-app confirm exist, so that an order (or a coupon issue) of a returning
 * customer does not ask user-app again. A user is never deleted (API.md has no way to), so a remembered user stays
 * valid; the entries still expire after {@code caravan.user.known-users.ttl}, which bounds how long a user removed
 * behind the API's back could go on ordering. Only a 2xx answer of user-app (or a points deduction, which proves
 * the user too) is remembered: an unknown user is asked about every time. {@code max-size} 0 turns this off.
 */
@Component
public class KnownUsers {

    private final Cache<Long, Boolean> confirmed;

    public KnownUsers(@Value("${caravan.user.known-users.max-size:100000}") long maxSize,
            @Value("${caravan.user.known-users.ttl:30m}") Duration ttl) {
        this.confirmed = maxSize > 0 ? Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(ttl).build() : null;
    }

    /** Whether user-app confirmed this user recently. */
    public boolean contains(long userId) {
        return confirmed != null && confirmed.getIfPresent(userId) != null;
    }

    /** user-app confirmed this user (a 2xx answer about them). */
    public void remember(long userId) {
        if (confirmed != null) {
            confirmed.put(userId, Boolean.TRUE);
        }
    }
}
