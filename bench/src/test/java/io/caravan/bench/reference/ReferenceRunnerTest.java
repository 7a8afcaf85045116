package io.caravan.bench.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caravan.bench.Latencies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceRunnerTest {

    @Test
    void shouldBeConsistentWhenTheDatabaseHoldsExactlyWhatWasCommitted() {
        assertTrue(ReferenceRunner.consistent(Variant.SPLIT, List.of(outcome(10)), facts(10)));
    }

    @Test
    void shouldNotBeConsistentWhenAnOrderIsMissingOrStockWentNegative() {
        assertFalse(ReferenceRunner.consistent(Variant.MONO, List.of(outcome(11)), facts(10)));
        Map<String, Object> negative = facts(10);
        negative.put("negativeStock", 1L);
        assertFalse(ReferenceRunner.consistent(Variant.MONO, List.of(outcome(10)), negative));
    }

    @Test
    void shouldCheckEachScriptOnItsOwnWhenSplitPar() {
        Map<String, Object> f = facts(10);
        f.put("reservations", 24L);
        f.put("pointHistory", 11L);
        assertTrue(ReferenceRunner.consistent(Variant.SPLIT_PAR, List.of(outcome(12), outcome(11), outcome(10)), f));
    }

    @Test
    void shouldDrawDistinctAscendingProductsWhenNotHotAndProductOneFirstWhenHot() {
        for (int i = 0; i < 1000; i++) {
            OrderDraft o = OrderDraft.random(false);
            assertTrue(o.product1() < o.product2() && o.product1() >= 1 && o.product2() <= OrderDraft.PRODUCTS);
            assertEquals(o.quantity1() * o.price1() + o.quantity2() * o.price2(), o.total());
            OrderDraft hot = OrderDraft.random(true);
            assertEquals(OrderDraft.HOT_PRODUCT, hot.product1());
            assertNotEquals(hot.product1(), hot.product2());
        }
    }

    private static ClosedLoop.Outcome outcome(long committed) {
        return new ClosedLoop.Outcome(4, 10, committed, committed, 0, 0, null, new Latencies());
    }

    private static Map<String, Object> facts(long orders) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("reservations", 2 * orders);
        f.put("stockBalanced", true);
        f.put("negativeStock", 0L);
        f.put("pointHistory", orders);
        f.put("pointsBalanced", true);
        f.put("orders", orders);
        f.put("orderItems", 2 * orders);
        f.put("payments", orders);
        f.put("outbox", 2 * orders);
        f.put("notConfirmed", 0L);
        return f;
    }
}
