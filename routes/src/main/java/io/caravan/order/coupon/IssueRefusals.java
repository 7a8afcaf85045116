package io.caravan.order.coupon;

import java.util.Map;

import io.caravan.common.problem.ProblemException;

/**
 * Why an issuance was refused, decided from the coupon as read after the refusing statement (columns of
 * {@code select-coupon-state.sql}; {@code null} when there is no such coupon). The transaction is rolled back
 * by the exception.
 */
public final class IssueRefusals {

    public static final String COUPON_NOT_FOUND = "COUPON_NOT_FOUND";
    public static final String COUPON_ALREADY_ISSUED = "COUPON_ALREADY_ISSUED";
    public static final String COUPON_SOLD_OUT = "COUPON_SOLD_OUT";
    public static final String COUPON_EXPIRED = "COUPON_EXPIRED";

    private IssueRefusals() {}

    public static ProblemException notFound() {
        return ProblemException.notFound(COUPON_NOT_FOUND, "No coupon with this id");
    }

    /** The insert of {@code (coupon_id, user_id)} added no row: no such coupon, or the user already has it. */
    public static ProblemException notInserted(Map<String, Object> coupon) {
        if (coupon == null) {
            return notFound();
        }
        return ProblemException.conflict(COUPON_ALREADY_ISSUED, "This coupon was already issued to this user");
    }

    /** The conditional update of {@code issued_quantity} matched no row: no such coupon, expired, or sold out. */
    public static ProblemException notTaken(Map<String, Object> coupon) {
        if (coupon == null) {
            return notFound();
        }
        if (Boolean.TRUE.equals(coupon.get("expired"))) {
            return ProblemException.conflict(COUPON_EXPIRED, "This coupon has expired");
        }
        return ProblemException.conflict(COUPON_SOLD_OUT, "Every coupon of this kind has been issued");
    }
}
