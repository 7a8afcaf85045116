package io.caravan.user;

/** The answer of a deduction: what was deducted for the order and the balance right after it. */
public record PointDeduction(String orderId, long userId, long amount, long balance) {}
