package io.caravan.common.saga;

import java.time.Duration;

/**
 * Settings of {@link JdbcSagaService}, bound from {@code caravan.saga.*}. The defaults suit production; tests
 * shorten the delays.
 */
public class SagaProperties {

    /** {@code jdbc} (the default): the saga log in the service database; {@code memory}: Camel's in-memory service. */
    private String store = "jdbc";
    /** A saga still RUNNING this long after it began is decided by the {@link SagaRecoveryPolicy}. */
    private Duration timeout = Duration.ofSeconds(30);
    /** Calls of one compensation/completion endpoint in one finishing pass before the pass gives up on it. */
    private int maxAttempts = 5;
    /** Delay before the second call of a failing endpoint; it doubles with every attempt up to max-retry-delay-ms. */
    private long retryDelayMs = 1000;
    private long maxRetryDelayMs = 30_000;
    /** How often unfinished sagas are looked for (the first pass runs once the Camel context has started). */
    private long recoveryPeriodMs = 5000;
    /** How long an instance's claim on a saga holds without renewal (renewed every lease-ms / 3 while it works). */
    private long leaseMs = 30_000;
    /** Sagas claimed by one recovery pass. */
    private int recoveryBatchSize = 50;
    /** Threads that call compensation/completion endpoints and run recovery. */
    private int poolSize = 8;
    /** Finished sagas are deleted from the log after this long. */
    private Duration retention = Duration.ofDays(7);
    /** Identifies this instance as the owner of the sagas it drives; a random one when empty. */
    private String instanceId;

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public long getRetryDelayMs() {
        return retryDelayMs;
    }

    public void setRetryDelayMs(long retryDelayMs) {
        this.retryDelayMs = retryDelayMs;
    }

    public long getMaxRetryDelayMs() {
        return maxRetryDelayMs;
    }

    public void setMaxRetryDelayMs(long maxRetryDelayMs) {
        this.maxRetryDelayMs = maxRetryDelayMs;
    }

    public long getRecoveryPeriodMs() {
        return recoveryPeriodMs;
    }

    public void setRecoveryPeriodMs(long recoveryPeriodMs) {
        this.recoveryPeriodMs = recoveryPeriodMs;
    }

    public long getLeaseMs() {
        return leaseMs;
    }

    public void setLeaseMs(long leaseMs) {
        this.leaseMs = leaseMs;
    }

    public int getRecoveryBatchSize() {
        return recoveryBatchSize;
    }

    public void setRecoveryBatchSize(int recoveryBatchSize) {
        this.recoveryBatchSize = recoveryBatchSize;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    /** The back-off before attempt {@code attempt + 1} (attempt counts from 1). */
    long retryDelayAfter(int attempt) {
        long delay = retryDelayMs << Math.min(Math.max(attempt - 1, 0), 20);
        return Math.min(delay, Math.max(maxRetryDelayMs, retryDelayMs));
    }
}
