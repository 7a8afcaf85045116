package io.caravan.common.saga;

import java.util.List;

/**
 * Decides what becomes of a saga found RUNNING by recovery: past its timeout, or whose owning instance stopped
 * renewing its claim (crashed). Declare one Spring bean of this type to replace the default, which compensates.
 * It is called outside any transaction and without a lock held, and may read the service database; it must
 * not run the steps itself. If it throws, the saga is left RUNNING and asked about again later.
 */
@FunctionalInterface
public interface SagaRecoveryPolicy {

    enum Decision {
        /** Run the completions of the steps (finish forward). */
        COMPLETE,
        /** Run the compensations of the steps, newest first. */
        COMPENSATE
    }

    /**
     * @param sagaId the saga (the {@code Long-Running-Action} its steps saw)
     * @param steps every step the saga began, in order, with their evaluated options
     */
    Decision decide(String sagaId, List<SagaStep> steps);

    /** The default: an interrupted saga is undone. */
    static SagaRecoveryPolicy compensate() {
        return (sagaId, steps) -> Decision.COMPENSATE;
    }
}
