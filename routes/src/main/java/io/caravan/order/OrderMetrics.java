package io.caravan.order;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauge {@code caravan.orders.compensating}: orders whose undoing is not finished because a participant cannot be
 * reached (they become FAILED once it answers again). Read from the orders table when scraped (a partial index
 * keeps it cheap). The saga service's own gauges ({@code caravan.saga.*}) count sagas of any kind.
 */
@Component
public class OrderMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    public OrderMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("caravan.orders.compensating", this, OrderMetrics::compensating)
                .description("Orders whose compensation waits for a participant that cannot be reached")
                .register(registry);
    }

    double compensating() {
        try {
            Long count = jdbc.queryForObject("SELECT count(*) FROM orders WHERE status = 'COMPENSATING'", Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN; // the database is unreachable: no reading rather than a wrong one
        }
    }
}
