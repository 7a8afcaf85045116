package io.caravan.common.saga;

/** The states of a saga in the {@code saga} table. */
public enum SagaStatus {
    /** Steps are being taken; nothing was decided yet. */
    RUNNING,
    /** Decided to undo: the compensations of the steps not yet compensated are being run (newest first). */
    COMPENSATING,
    /** Decided to finish: the completions of the steps not yet completed are being run (newest first). */
    COMPLETING,
    COMPENSATED,
    COMPLETED;

    /** The state a saga reaches when every step's endpoint of this direction ran. */
    SagaStatus finished() {
        return switch (this) {
            case COMPENSATING -> COMPENSATED;
            case COMPLETING -> COMPLETED;
            default -> throw new IllegalStateException("Not a finishing state: " + this);
        };
    }

    /** The {@code saga_step} column holding a step's endpoint of this direction. */
    String stepUriColumn() {
        return switch (this) {
            case COMPENSATING -> "compensation_uri";
            case COMPLETING -> "completion_uri";
            default -> throw new IllegalStateException("Not a finishing state: " + this);
        };
    }

    /** The {@code saga_step.status} a step takes once its endpoint of this direction ran. */
    String stepDone() {
        return finished().name();
    }
}
