package io.caravan.order.coupon;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CouponDiscountTest {

    @Test
    void shouldTakeTheFixedValueWhenItFitsInWhatIsLeft() {
        assertThat(CouponDiscount.discount("FIXED", 3_000, 50_000, 5_000)).isEqualTo(3_000);
    }

    @Test
    void shouldTakeTheFlooredPercentageWhenRate() {
        assertThat(CouponDiscount.discount("RATE", 10, 12_345, 0)).isEqualTo(1_234);
        assertThat(CouponDiscount.discount("RATE", 33, 99, 0)).isEqualTo(32);
        assertThat(CouponDiscount.discount("RATE", 100, 7_000, 0)).isEqualTo(7_000);
    }

    @Test
    void shouldComputeRateOnTheTotalNotOnWhatIsLeftAfterPoints() {
        assertThat(CouponDiscount.discount("RATE", 10, 10_000, 5_000)).isEqualTo(1_000);
    }

    @Test
    void shouldCapAtTotalMinusPointsWhenDiscountIsLarger() {
        assertThat(CouponDiscount.discount("FIXED", 10_000, 8_000, 3_000)).isEqualTo(5_000);
        assertThat(CouponDiscount.discount("RATE", 100, 8_000, 3_000)).isEqualTo(5_000);
    }

    @Test
    void shouldBeZeroNeverNegativeWhenPointsCoverTheTotal() {
        assertThat(CouponDiscount.discount("FIXED", 1_000, 8_000, 8_000)).isZero();
        assertThat(CouponDiscount.discount("FIXED", 1_000, 8_000, 9_000)).isZero();
        assertThat(CouponDiscount.discount("RATE", 50, 0, 0)).isZero();
    }

    @Test
    void shouldNotOverflowOnTheLargestOrders() {
        long total = 100_000_000L * 1_000 * 50;
        assertThat(CouponDiscount.discount("RATE", 99, total, 0)).isEqualTo(total / 100 * 99);
    }

    @Test
    void shouldRefuseUnknownTypeOrNegativeAmounts() {
        assertThatThrownBy(() -> CouponDiscount.discount("PERCENT", 10, 1_000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CouponDiscount.discount("FIXED", 10, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
