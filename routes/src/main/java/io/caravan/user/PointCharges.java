package io.caravan.user;

import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import io.caravan.common.problem.ProblemException;

/** The rules of a charge, on the rows its statements answer. */
public final class PointCharges {

    /** Exchange property holding the validated {@link ChargePointsRequest}. */
    public static final String REQUEST = "pointCharge";
    /** Exchange property: true when a new charge is applied, false when a repeated requestId is answered. */
    public static final String CLAIMED = "pointChargeClaimed";
    public static final long BALANCE_LIMIT = 10_000_000L;

    private PointCharges() {}

    /** The result of the conditional update (see charge-balance.sql): no row is 404, no balance is 409. */
    public static PointBalance charged(@Body Map<String, Object> row) {
        if (row == null) {
            throw userNotFound();
        }
        if (row.get("balance") == null) {
            throw ProblemException.conflict("BALANCE_LIMIT_EXCEEDED",
                    "The balance after this charge would exceed " + BALANCE_LIMIT);
        }
        return PointBalance.fromRow(row);
    }

    /**
     * A charge whose requestId was claimed before: the stored result when it is the same charge; a different
     * amount under the same requestId is refused ({@code 422 IDEMPOTENCY_KEY_REUSED}, as for orders).
     */
    public static PointBalance replay(@Body Map<String, Object> stored, @Header("userId") long userId,
            @ExchangeProperty(REQUEST) ChargePointsRequest request) {
        if (stored == null) {
            throw userNotFound();
        }
        if (((Number) stored.get("amount")).longValue() != request.amount()) {
            throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED",
                    "This requestId was already used for a charge of a different amount");
        }
        return new PointBalance(userId, ((Number) stored.get("balance_after")).longValue());
    }

    public static PointChange history(@Body PointBalance balance, @ExchangeProperty(REQUEST) ChargePointsRequest request) {
        return new PointChange(balance.userId(), PointChange.CHARGE, request.amount(), balance.balance(), null);
    }

    static ProblemException userNotFound() {
        return ProblemException.notFound("USER_NOT_FOUND", "No user with this id");
    }
}
