package io.caravan.common.health;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Kafka's part of {@code /actuator/health}. Kafka being down delays events but fails no request, so it is
 * reported as {@code DEGRADED} (HTTP 200, see caravan-common.yml), not {@code DOWN}.
 */
@Component("kafka")
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    public static final Status DEGRADED = new Status("DEGRADED", "Kafka is unreachable: events are delayed, none is lost");

    private final String brokers;
    private volatile AdminClient admin;

    public KafkaHealthIndicator(@Value("${camel.component.kafka.brokers}") String brokers) {
        this.brokers = brokers;
    }

    @Override
    public Health health() {
        try {
            var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(2000));
            int nodes = cluster.nodes().get(3, TimeUnit.SECONDS).size();
            return Health.up().withDetail("brokers", brokers).withDetail("nodes", nodes).build();
        } catch (Exception e) {
            return Health.status(DEGRADED).withDetail("brokers", brokers).withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    private AdminClient admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = AdminClient.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
                }
            }
        }
        return admin;
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close();
        }
    }
}
