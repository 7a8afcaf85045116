package io.caravan.common.saga;

/**
 * A route asked a saga for something only a RUNNING saga does (begin a step, or be completed while it is being
 * compensated), but the saga was decided already: by recovery after its timeout, or by another instance. The
 * route's work is then overtaken; the saga is finished the way it was decided. Routes may map it to their own
 * answer (e.g. 503 "did not finish in time").
 */
public class SagaNotRunningException extends IllegalStateException {

    private final String sagaId;
    private final SagaStatus status;

    public SagaNotRunningException(String sagaId, SagaStatus status, String what) {
        super("Cannot " + what + ": saga " + sagaId + " is " + (status == null ? "unknown" : status.name()));
        this.sagaId = sagaId;
        this.status = status;
    }

    public String sagaId() {
        return sagaId;
    }

    /** What the saga is now, or null when the log does not know it. */
    public SagaStatus status() {
        return status;
    }
}
