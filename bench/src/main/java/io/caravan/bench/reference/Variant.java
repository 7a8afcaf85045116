package io.caravan.bench.reference;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * pglimit's variants. mono/hot: every write of one order in ONE transaction on one database. split/split-hot:
 * the same writes as the services make them, as a saga would chain them: catalog tx, user tx, order's two txs,
 * one after another per order on three databases (latency = the whole chain). split-par: pglimit's pgbench way,
 * the three services' scripts run side by side by separate client groups, order rate = the slowest script's.
 */
enum Variant {
    MONO("mono", false),
    HOT("hot", true),
    SPLIT("split", false),
    SPLIT_HOT("split-hot", true),
    SPLIT_PAR("split-par", false);

    final String label;
    final boolean hot;

    Variant(String label, boolean hot) {
        this.label = label;
        this.hot = hot;
    }

    static Variant of(String label) {
        for (Variant v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown reference variant " + label + " (mono, hot, split, split-hot, split-par)");
    }

    boolean oneDatabase() {
        return this == MONO || this == HOT;
    }

    List<String> databases() {
        return oneDatabase() ? List.of(ReferenceDatabases.MONO)
                : List.of(ReferenceDatabases.CATALOG, ReferenceDatabases.USER, ReferenceDatabases.ORDER);
    }

    /** One client factory per concurrently running group (one group except for split-par). */
    List<ClosedLoop.ClientFactory> clients(ReferenceDatabases dbs) {
        return switch (this) {
            case MONO, HOT -> List.of(() -> {
                Connection c = dbs.connect(ReferenceDatabases.MONO);
                OrderWrites w = new OrderWrites(c, c, c);
                return client(w, () -> w.mono(OrderDraft.random(hot)));
            });
            case SPLIT, SPLIT_HOT -> List.of(() -> {
                OrderWrites w = split(dbs);
                return client(w, () -> {
                    OrderDraft o = OrderDraft.random(hot);
                    return w.reserve(o) && w.deduct(o) && w.create(o) && w.complete(o);
                });
            });
            case SPLIT_PAR -> List.of(
                    () -> {
                        OrderWrites w = new OrderWrites(dbs.connect(ReferenceDatabases.CATALOG), null, null);
                        return client(w, () -> w.reserve(OrderDraft.random(false)));
                    },
                    () -> {
                        OrderWrites w = new OrderWrites(null, dbs.connect(ReferenceDatabases.USER), null);
                        return client(w, () -> w.deduct(OrderDraft.random(false)));
                    },
                    () -> {
                        OrderWrites w = new OrderWrites(null, null, dbs.connect(ReferenceDatabases.ORDER));
                        return client(w, () -> {
                            OrderDraft o = OrderDraft.random(false);
                            return w.create(o) && w.complete(o);
                        });
                    });
        };
    }

    static final List<String> SPLIT_PAR_GROUPS = List.of("catalog", "user", "order");

    private static OrderWrites split(ReferenceDatabases dbs) throws SQLException {
        return new OrderWrites(dbs.connect(ReferenceDatabases.CATALOG), dbs.connect(ReferenceDatabases.USER),
                dbs.connect(ReferenceDatabases.ORDER));
    }

    private interface Work {
        boolean run() throws SQLException;
    }

    private static ClosedLoop.Client client(OrderWrites writes, Work work) {
        return new ClosedLoop.Client() {
            @Override
            public boolean runOne() throws SQLException {
                return work.run();
            }

            @Override
            public void close() {
                writes.close();
            }
        };
    }
}
