package io.caravan.bench.reference;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One order of the pglimit workload, drawn like pgbench draws it (pgb/mono.sql): a random user of 10,000, two
 * distinct products of 1,000 in ascending id order (so two orders never lock stock rows in opposite order),
 * quantities 1..3, prices computed client-side (no reads), application-generated 63-bit order and request ids.
 */
public record OrderDraft(long userId, long product1, long product2, int quantity1, int quantity2, long price1,
        long price2, long orderId, long requestId) {

    public static final int USERS = 10_000;
    public static final int PRODUCTS = 1_000;
    /** The hot-row variants put every order's first line on this product. */
    public static final long HOT_PRODUCT = 1;

    public long total() {
        return quantity1 * price1 + quantity2 * price2;
    }

    public static long price(long productId) {
        return 1000 + (productId % 100) * 100;
    }

    public static OrderDraft random(boolean hot) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long p1;
        long p2;
        if (hot) {
            p1 = HOT_PRODUCT;
            p2 = r.nextLong(2, PRODUCTS + 1);
        } else {
            long a = r.nextLong(1, PRODUCTS + 1);
            long b = r.nextLong(1, PRODUCTS);
            if (b >= a) {
                b++;
            }
            p1 = Math.min(a, b);
            p2 = Math.max(a, b);
        }
        return new OrderDraft(r.nextLong(1, USERS + 1), p1, p2, r.nextInt(1, 4), r.nextInt(1, 4), price(p1),
                price(p2), r.nextLong(1, Long.MAX_VALUE), r.nextLong(1, Long.MAX_VALUE));
    }
}
