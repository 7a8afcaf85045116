package io.caravan.bench.load;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.caravan.bench.Env;

/**
 * POST /orders bodies for the benchmark (API.md): two lines of distinct products (quantity 1..3), points on a
 * share of the orders, the user's issued coupon on a share (policy OPTIONAL, so an already used one is skipped
 * rather than failing the order), the rest paid by card, and a fresh requestId each time.
 *
 * <p>Environment: BENCH_POINTS_SHARE (0.3), BENCH_COUPON_SHARE (0.3).
 */
public final class OrderRequests {

    /** One order line, as the simulation counts what it sold. */
    public record Line(long productId, int quantity) {
    }

    public record Order(long userId, Line first, Line second, long pointsToUse, Long couponId, String requestId) {

        public String json() {
            StringBuilder b = new StringBuilder(256).append("{\"userId\":").append(userId).append(",\"items\":[");
            line(b, first).append(',');
            line(b, second).append("],\"pointsToUse\":").append(pointsToUse);
            if (couponId != null) {
                b.append(",\"couponId\":").append(couponId).append(",\"couponPolicy\":\"OPTIONAL\"");
            }
            return b.append(",\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"},\"requestId\":\"")
                    .append(requestId).append("\"}").toString();
        }

        private static StringBuilder line(StringBuilder b, Line l) {
            return b.append("{\"productId\":").append(l.productId()).append(",\"quantity\":").append(l.quantity()).append('}');
        }
    }

    private final BenchData data;
    private final double pointsShare;
    private final double couponShare;

    public OrderRequests(BenchData data) {
        this(data, Env.decimal("BENCH_POINTS_SHARE", 0.3), Env.decimal("BENCH_COUPON_SHARE", 0.3));
    }

    OrderRequests(BenchData data, double pointsShare, double couponShare) {
        if (data.users().isEmpty() || data.products().size() < 2) {
            throw new IllegalStateException("the loader made no users or fewer than two products: nothing to order");
        }
        this.data = data;
        this.pointsShare = pointsShare;
        this.couponShare = couponShare;
    }

    /** An ordinary order: two distinct random products. */
    public Order random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int a = r.nextInt(data.products().size());
        int b = r.nextInt(data.products().size() - 1);
        if (b >= a) {
            b++;
        }
        return order(new Line(data.products().get(a), r.nextInt(1, 4)), new Line(data.products().get(b), r.nextInt(1, 4)));
    }

    /** A hot-product order: the first line is always {@code hotProductId}, the second a random ordinary product. */
    public Order hot(long hotProductId, int quantity) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long other = data.products().get(r.nextInt(data.products().size()));
        return order(new Line(hotProductId, quantity), new Line(other, r.nextInt(1, 4)));
    }

    private Order order(Line first, Line second) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        BenchData.BenchUser user = data.users().get(r.nextInt(data.users().size()));
        long points = r.nextDouble() < pointsShare ? r.nextLong(1, 11) * 100 : 0;
        Long coupon = user.issuedCouponId() != null && r.nextDouble() < couponShare ? user.issuedCouponId() : null;
        return new Order(user.id(), first, second, points, coupon, UUID.randomUUID().toString());
    }
}
