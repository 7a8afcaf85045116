package io.caravan.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table built row by row; cells are rendered with {@link #fmt} so numbers look alike everywhere. */
final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    MarkdownTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(fmt(cell));
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> b.append("---|"));
        b.append('\n');
        rows.forEach(r -> b.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return b.toString();
    }

    /** null and NaN as "–"; decimals with one digit from 100 up, two below; integers (counts) as they are. */
    static String fmt(Object v) {
        if (v == null) {
            return "–";
        }
        if (v instanceof Double d || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                return "–";
            }
            return Math.abs(x) >= 100 ? String.format("%.1f", x) : String.format("%.2f", x);
        }
        return v.toString().replace("|", "\\|").replace("\n", " ");
    }
}
