package io.caravan.common.saga;

import java.util.Map;

/**
 * One step of a saga as the log holds it, in the order the route began them ({@code seq} from 1).
 *
 * @param options the step's {@code option(...)} values, evaluated when the step began, as strings
 * @param status PENDING, or COMPENSATED/COMPLETED once the endpoint of that direction ran
 */
public record SagaStep(String sagaId, int seq, String compensationUri, String completionUri, Map<String, String> options, String status) {

    public static final String PENDING = "PENDING";

    /** An option value of this step, or null. */
    public String option(String key) {
        return options.get(key);
    }

    String uriFor(SagaStatus direction) {
        return direction == SagaStatus.COMPENSATING ? compensationUri : completionUri;
    }

    boolean isPending() {
        return PENDING.equals(status);
    }
}
