package io.caravan.bench.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The SQL writes one order makes, statement for statement as in pglimit's pgb/*.sql, grouped by the service
 * that owns them. Each step is its own transaction on the connection it is given; for the one-transaction
 * variant {@link #mono} runs them all in one. Statements are prepared once per connection (pgbench -M prepared).
 * A conditional update that matches no row (stock or points short) rolls back and answers false.
 */
final class OrderWrites implements AutoCloseable {

    private static final String OUTBOX_CREATED = "INSERT INTO outbox (topic, key, payload) VALUES ('order.created', ?, "
            + "jsonb_build_object('orderId', CAST(? AS bigint), 'userId', CAST(? AS bigint), 'total', CAST(? AS bigint), "
            + "'items', jsonb_build_array(jsonb_build_object('productId', CAST(? AS bigint), 'quantity', CAST(? AS int)), "
            + "jsonb_build_object('productId', CAST(? AS bigint), 'quantity', CAST(? AS int)))))";
    private static final String OUTBOX_CONFIRMED = "INSERT INTO outbox (topic, key, payload) VALUES ('order.confirmed', ?, "
            + "jsonb_build_object('orderId', CAST(? AS bigint), 'status', 'CONFIRMED', 'paid', CAST(? AS bigint)))";

    private final Connection catalog;
    private final Connection user;
    private final Connection order;
    private final PreparedStatement decrementStock;
    private final PreparedStatement insertReservation;
    private final PreparedStatement decrementBalance;
    private final PreparedStatement insertPointHistory;
    private final PreparedStatement insertOrder;
    private final PreparedStatement insertItem;
    private final PreparedStatement insertPayment;
    private final PreparedStatement insertOutboxCreated;
    private final PreparedStatement insertOutboxConfirmed;
    private final PreparedStatement confirmOrder;

    /**
     * Pass the same connection three times for the one-database variant; null for a service this client does
     * not write to (split-par's groups each hold one database's connection only).
     */
    OrderWrites(Connection catalog, Connection user, Connection order) throws SQLException {
        this.catalog = catalog;
        this.user = user;
        this.order = order;
        for (Connection c : new Connection[] {catalog, user, order}) {
            if (c != null) {
                c.setAutoCommit(false);
            }
        }
        decrementStock = prepare(catalog, "UPDATE stock SET quantity = quantity - ? WHERE product_id = ? AND quantity >= ?");
        insertReservation = prepare(catalog,
                "INSERT INTO stock_reservations (order_id, product_id, quantity, status) VALUES (?, ?, ?, 'RESERVED')");
        decrementBalance = prepare(user, "UPDATE users SET balance = balance - ? WHERE id = ? AND balance >= ?");
        insertPointHistory = prepare(user,
                "INSERT INTO point_history (user_id, amount, type, order_id) VALUES (?, ?, 'USE', ?)");
        insertOrder = prepare(order,
                "INSERT INTO orders (id, user_id, status, total, request_id) VALUES (?, ?, 'PENDING', ?, ?)");
        insertItem = prepare(order,
                "INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES (?, ?, ?, ?)");
        insertPayment = prepare(order, "INSERT INTO payments (order_id, amount, status) VALUES (?, ?, 'PAID')");
        insertOutboxCreated = prepare(order, OUTBOX_CREATED);
        insertOutboxConfirmed = prepare(order, OUTBOX_CONFIRMED);
        confirmOrder = prepare(order, "UPDATE orders SET status = 'CONFIRMED' WHERE id = ?");
    }

    private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        return c == null ? null : c.prepareStatement(sql);
    }

    /** mono / hot: all 14 statements in ONE transaction. */
    boolean mono(OrderDraft o) throws SQLException {
        try {
            if (!reserveStatements(o) || !deductStatements(o)) {
                catalog.rollback();
                return false;
            }
            createStatements(o);
            completeStatements(o);
            catalog.commit();
            return true;
        } catch (SQLException e) {
            catalog.rollback();
            throw e;
        }
    }

    /** Catalog's local transaction: two conditional stock decrements and two reservations. */
    boolean reserve(OrderDraft o) throws SQLException {
        return inTransaction(catalog, () -> reserveStatements(o));
    }

    /** User's local transaction: conditional balance decrement and its history row. */
    boolean deduct(OrderDraft o) throws SQLException {
        return inTransaction(user, () -> deductStatements(o));
    }

    /** Order's saga-start transaction: the order PENDING, its items and the created event. */
    boolean create(OrderDraft o) throws SQLException {
        return inTransaction(order, () -> {
            createStatements(o);
            return true;
        });
    }

    /** Order's saga-end transaction: payment, the confirmed event, status CONFIRMED. */
    boolean complete(OrderDraft o) throws SQLException {
        return inTransaction(order, () -> {
            completeStatements(o);
            return true;
        });
    }

    private boolean reserveStatements(OrderDraft o) throws SQLException {
        if (!decrement(o.product1(), o.quantity1()) || !decrement(o.product2(), o.quantity2())) {
            return false;
        }
        reservation(o.orderId(), o.product1(), o.quantity1());
        reservation(o.orderId(), o.product2(), o.quantity2());
        return true;
    }

    private boolean decrement(long productId, int quantity) throws SQLException {
        decrementStock.setInt(1, quantity);
        decrementStock.setLong(2, productId);
        decrementStock.setInt(3, quantity);
        return decrementStock.executeUpdate() == 1;
    }

    private void reservation(long orderId, long productId, int quantity) throws SQLException {
        insertReservation.setLong(1, orderId);
        insertReservation.setLong(2, productId);
        insertReservation.setInt(3, quantity);
        insertReservation.executeUpdate();
    }

    private boolean deductStatements(OrderDraft o) throws SQLException {
        decrementBalance.setLong(1, o.total());
        decrementBalance.setLong(2, o.userId());
        decrementBalance.setLong(3, o.total());
        if (decrementBalance.executeUpdate() != 1) {
            return false;
        }
        insertPointHistory.setLong(1, o.userId());
        insertPointHistory.setLong(2, -o.total());
        insertPointHistory.setLong(3, o.orderId());
        insertPointHistory.executeUpdate();
        return true;
    }

    private void createStatements(OrderDraft o) throws SQLException {
        insertOrder.setLong(1, o.orderId());
        insertOrder.setLong(2, o.userId());
        insertOrder.setLong(3, o.total());
        insertOrder.setLong(4, o.requestId());
        insertOrder.executeUpdate();
        item(o.orderId(), o.product1(), o.quantity1(), o.price1());
        item(o.orderId(), o.product2(), o.quantity2(), o.price2());
        insertOutboxCreated.setString(1, Long.toString(o.orderId()));
        insertOutboxCreated.setLong(2, o.orderId());
        insertOutboxCreated.setLong(3, o.userId());
        insertOutboxCreated.setLong(4, o.total());
        insertOutboxCreated.setLong(5, o.product1());
        insertOutboxCreated.setInt(6, o.quantity1());
        insertOutboxCreated.setLong(7, o.product2());
        insertOutboxCreated.setInt(8, o.quantity2());
        insertOutboxCreated.executeUpdate();
    }

    private void item(long orderId, long productId, int quantity, long price) throws SQLException {
        insertItem.setLong(1, orderId);
        insertItem.setLong(2, productId);
        insertItem.setInt(3, quantity);
        insertItem.setLong(4, price);
        insertItem.executeUpdate();
    }

    private void completeStatements(OrderDraft o) throws SQLException {
        insertPayment.setLong(1, o.orderId());
        insertPayment.setLong(2, o.total());
        insertPayment.executeUpdate();
        insertOutboxConfirmed.setString(1, Long.toString(o.orderId()));
        insertOutboxConfirmed.setLong(2, o.orderId());
        insertOutboxConfirmed.setLong(3, o.total());
        insertOutboxConfirmed.executeUpdate();
        confirmOrder.setLong(1, o.orderId());
        confirmOrder.executeUpdate();
    }

    private interface Step {
        boolean run() throws SQLException;
    }

    private static boolean inTransaction(Connection c, Step step) throws SQLException {
        try {
            if (step.run()) {
                c.commit();
                return true;
            }
            c.rollback();
            return false;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    @Override
    public void close() {
        for (Connection c : new Connection[] {catalog, user, order}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (SQLException ignored) {
                // closing after the measurement; nothing to do
            }
        }
    }
}
