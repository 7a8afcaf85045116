package io.caravan.catalog;

/** The bounds of product input (API.md), plus the ones API.md leaves to the catalog. */
public final class ProductLimits {

    public static final long MAX_PRICE = 100_000_000L;
    public static final long MAX_INITIAL_STOCK = 1_000_000L;
    public static final long MAX_RESTOCK = 1_000_000L;
    /** Not in API.md: a restock may not raise the available stock above this (400 on {@code quantity}). */
    public static final long MAX_STOCK = 2_000_000_000L;
    /** Not in API.md: a description is at most this many characters. */
    public static final int MAX_DESCRIPTION = 2_000;

    private ProductLimits() {}
}
