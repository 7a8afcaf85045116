package io.caravan.user;

import java.util.Map;
import java.util.Objects;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import io.caravan.common.problem.ProblemException;

/** The rules of the saga's point step (deduct) and its compensation (refund), on the rows their statements answer. */
public final class PointDeductions {

    /** Exchange property holding the validated {@link DeductPointsRequest}. */
    public static final String REQUEST = "pointDeduction";
    /** Exchange property holding the {@link PointRefund} being applied. */
    public static final String REFUND = "pointRefund";

    private PointDeductions() {}

    /** The result of the conditional update (see deduct-balance.sql): no row is 404, no balance is 409. */
    public static PointDeduction deducted(@Body Map<String, Object> row, @ExchangeProperty(REQUEST) DeductPointsRequest request) {
        if (row == null) {
            throw PointCharges.userNotFound();
        }
        if (row.get("balance") == null) {
            throw ProblemException.conflict("INSUFFICIENT_POINTS", "The point balance does not cover " + request.amount())
                    .with("orderId", request.orderId());
        }
        return new PointDeduction(request.orderId(), request.userId(), request.amount(), ((Number) row.get("balance")).longValue());
    }

    /**
     * A deduction for an orderId seen before: the first answer again when it is the same deduction; refused when the
     * order was refunded or tombstoned, or when the same orderId comes with another user or amount.
     */
    public static PointDeduction replay(@Body Map<String, Object> stored, @ExchangeProperty(REQUEST) DeductPointsRequest request) {
        String status = (String) stored.get("status");
        if (!"DEDUCTED".equals(status)) {
            throw ProblemException.conflict("DEDUCTION_REFUNDED", "The points of this order were already refunded")
                    .with("orderId", request.orderId());
        }
        if (!Objects.equals(number(stored, "user_id"), request.userId()) || !Objects.equals(number(stored, "amount"), request.amount())) {
            throw ProblemException.conflict("DEDUCTION_CONFLICT", "This orderId was already deducted with another user or amount")
                    .with("orderId", request.orderId());
        }
        return new PointDeduction(request.orderId(), request.userId(), request.amount(), number(stored, "balance_after"));
    }

    public static PointChange useHistory(@Body PointDeduction deduction) {
        return new PointChange(deduction.userId(), PointChange.USE, deduction.amount(), deduction.balance(), deduction.orderId());
    }

    /** The refund came first: nothing was deducted, and the tombstone now refuses a late deduction. */
    public static PointRefund tombstone(@Header("orderId") String orderId) {
        return new PointRefund(orderId, 0L, PointRefund.TOMBSTONE);
    }

    /** The refund just won the DEDUCTED -> REFUNDED transition (row: user_id, amount). */
    public static PointRefund refunded(@Body Map<String, Object> row, @Header("orderId") String orderId) {
        return new PointRefund(orderId, number(row, "amount"), PointRefund.REFUNDED);
    }

    /** A refund repeated (or late): the state it left, refunding nothing more. */
    public static PointRefund refundReplay(@Body Map<String, Object> stored, @Header("orderId") String orderId) {
        String status = (String) stored.get("status");
        long amount = PointRefund.REFUNDED.equals(status) ? number(stored, "amount") : 0L;
        return new PointRefund(orderId, amount, status);
    }

    public static PointChange refundHistory(@Body Map<String, Object> row, @ExchangeProperty(REFUND) PointRefund refund) {
        return new PointChange(number(row, "user_id"), PointChange.REFUND, refund.refunded(), number(row, "balance"), refund.orderId());
    }

    private static Long number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).longValue();
    }
}
