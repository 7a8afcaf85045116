package io.caravan.order.saga;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.common.problem.ProblemException;
import io.caravan.order.PlaceOrderRequest;
import io.caravan.order.PlaceOrderRequest.CouponPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The amount rules of API.md, without Camel. */
class OrderDraftTest {

    @Test
    void shouldRoundARateDiscountDownAndPayTheRest() {
        OrderDraft draft = draft(1_000, CouponPolicy.REQUIRED);
        draft.reserved(Map.of("totalAmount", 9_999, "items", List.of()));
        draft.pointsDeducted();
        draft.couponUsed(Map.of("coupon_id", 1, "discount_type", "RATE", "discount_value", 15));

        assertThat(draft.getDiscountAmount()).isEqualTo(1_499);
        assertThat(draft.getAmountToPay()).isEqualTo(9_999 - 1_000 - 1_499);
    }

    @Test
    void shouldCapTheDiscountAtWhatPointsLeftToPay() {
        OrderDraft draft = draft(4_000, CouponPolicy.REQUIRED);
        draft.reserved(Map.of("totalAmount", 5_000, "items", List.of()));
        draft.pointsDeducted();
        draft.couponUsed(Map.of("coupon_id", 1, "discount_type", "FIXED", "discount_value", 3_000));

        assertThat(draft.getDiscountAmount()).isEqualTo(1_000);
        assertThat(draft.getAmountToPay()).isZero();
    }

    @Test
    void shouldRefusePointsAboveTheTotalAndARequiredCouponThatDoesNotApply() {
        OrderDraft draft = draft(5_001, CouponPolicy.REQUIRED);
        draft.reserved(Map.of("totalAmount", 5_000, "items", List.of()));

        assertThatThrownBy(draft::checkPointsWithinTotal).extracting(e -> ((ProblemException) e).code()).isEqualTo("POINTS_EXCEED_TOTAL");
        assertThatThrownBy(() -> draft.couponNotApplicable("COUPON_EXPIRED"))
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("COUPON_NOT_APPLICABLE");
    }

    @Test
    void shouldSkipAnOptionalCouponWithItsReason() {
        OrderDraft draft = draft(0, CouponPolicy.OPTIONAL);

        draft.couponNotApplicable("BELOW_MIN_ORDER_AMOUNT");

        assertThat(draft.isCouponApplied()).isFalse();
        assertThat(draft.getCouponSkippedReason()).isEqualTo("BELOW_MIN_ORDER_AMOUNT");
    }

    private static OrderDraft draft(long points, CouponPolicy policy) {
        return OrderDraft.create(new PlaceOrderRequest(1L, List.of(new PlaceOrderRequest.Line(10L, 1)), points, 7L, policy, null, null), null);
    }
}
