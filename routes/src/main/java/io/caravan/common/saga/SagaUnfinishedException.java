package io.caravan.common.saga;

/**
 * The future of {@code compensate()}/{@code complete()} failed with this when an endpoint still failed after
 * {@code caravan.saga.max-attempts}: the saga stays COMPENSATING/COMPLETING in the log and recovery keeps
 * retrying the steps not yet done in the background. The exchange's original failure (the reason to
 * compensate) is kept as {@link #originalFailure()} (and as a suppressed exception), not as the cause, so an
 * {@code onException(SagaUnfinishedException.class)} is not overtaken by a handler of the original failure.
 */
public class SagaUnfinishedException extends RuntimeException {

    private final String sagaId;
    private final SagaStatus status;
    private final transient Throwable originalFailure;

    public SagaUnfinishedException(String sagaId, SagaStatus status, Throwable originalFailure) {
        super("Saga " + sagaId + " is still " + status + ": a step's endpoint kept failing; it is retried in the background");
        this.sagaId = sagaId;
        this.status = status;
        this.originalFailure = originalFailure;
        if (originalFailure != null) {
            addSuppressed(originalFailure);
        }
    }

    public String sagaId() {
        return sagaId;
    }

    /** COMPENSATING or COMPLETING. */
    public SagaStatus status() {
        return status;
    }

    /** The exception that made the route compensate, or null when completing. */
    public Throwable originalFailure() {
        return originalFailure;
    }
}
