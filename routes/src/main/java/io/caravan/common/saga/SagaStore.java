package io.caravan.common.saga;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.caravan.common.rest.CaravanJson;

/**
 * The saga log ({@code saga}, {@code saga_step}; migration {@code db/common/V1_1__saga_log.sql}). Every read and
 * write is ONE statement in auto-commit on a connection of its own, outside any transaction of the calling
 * thread: a saga step is logged even when the route calls it inside a business transaction that later rolls
 * back, and no row lock of the log is held longer than its statement. One statement per call also means one
 * round trip to the database (a transaction around it took three). Every change of state is a conditional
 * update, so of two instances (or a route and recovery) racing for a saga exactly one wins.
 */
final class SagaStore {

    static final String MS = " * interval '1 millisecond'";
    private static final int TEXT = Types.VARCHAR;
    private static final String UNFINISHED = "('RUNNING', 'COMPENSATING', 'COMPLETING')";
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {};
    /** How often one step may find its number taken by steps of the same saga begun at the same moment. */
    private static final int MAX_STEP_ATTEMPTS = 64;

    /** A saga this instance claimed in recovery, with the state it had. */
    record Claim(String id, SagaStatus status) {}

    /** What the gauges show. */
    record Counts(long compensating, long completing, long stuckRunning) {}

    private final JdbcTemplate jdbc;

    SagaStore(DataSource dataSource) {
        // Spring binds a transaction's connection to the thread under its DataSource object; this wrapper is never
        // that key, so the log never joins the caller's transaction and every statement commits on its own
        this.jdbc = new JdbcTemplate(new DelegatingDataSource(dataSource));
    }

    /**
     * Logs a saga RUNNING together with its first step (number 1), in one statement: the saga is written when it
     * first has something to finish. {@code timeoutMs}: what is left of the saga's timeout, already brought forward
     * by the step's own timeout if it has one.
     */
    void createWithFirstStep(String id, String owner, long timeoutMs, long leaseMs, String compensationUri,
            String completionUri, Map<String, String> options) {
        jdbc.update("WITH created AS (INSERT INTO saga (id, status, timeout_at, owner, lease_until) "
                + "VALUES (?, 'RUNNING', now() + ?" + MS + ", ?, now() + ?" + MS + ") RETURNING id) "
                + "INSERT INTO saga_step (saga_id, seq, compensation_uri, completion_uri, options) "
                + "SELECT id, 1, ?, ?, CAST(? AS jsonb) FROM created",
                new Object[] {id, timeoutMs, owner, leaseMs, compensationUri, completionUri, toJson(options)},
                new int[] {TEXT, Types.BIGINT, TEXT, Types.BIGINT, TEXT, TEXT, TEXT});
    }

    /**
     * Logs a step with its evaluated options if the saga is still RUNNING. The statement locks the saga row as an
     * update of it would, which orders the step with the decision to finish the saga: a step is either logged
     * before the decision (and then finished with the others) or refused. A lock rather than an update: the row
     * gets no new version (and its indexes no new entries) for every step. A step timeout brings the saga's
     * timeout forward, with an update.
     */
    boolean addStep(String id, String compensationUri, String completionUri, Map<String, String> options, Long stepTimeoutMs) {
        String insert = "INSERT INTO saga_step (saga_id, seq, compensation_uri, completion_uri, options) "
                + "SELECT running.id, COALESCE((SELECT MAX(seq) FROM saga_step WHERE saga_id = running.id), 0) + 1, ?, ?, "
                + "CAST(? AS jsonb) FROM running";
        String json = toJson(options);
        // Steps of one saga that begin at once queue on the saga row's lock, but each statement numbers its step
        // from the snapshot it started with: a step that waited can take the number of the step it waited for.
        // The key refuses that, the statement changed nothing, and the next attempt sees the step before it.
        for (int attempt = 1;; attempt++) {
            try {
                // the URIs are bound as text even when null (a step may have no compensation or no completion): an
                // untyped null would make the driver prepare the statement on the server anew whenever it follows a URI
                int logged = stepTimeoutMs == null
                        ? jdbc.update("WITH running AS (SELECT id FROM saga WHERE id = ? AND status = 'RUNNING' "
                                + "FOR NO KEY UPDATE) " + insert, new Object[] {id, compensationUri, completionUri, json},
                                new int[] {TEXT, TEXT, TEXT, TEXT})
                        : jdbc.update("WITH running AS (UPDATE saga SET updated_at = now(), timeout_at = LEAST(timeout_at, now() + ?"
                                + MS + ") WHERE id = ? AND status = 'RUNNING' RETURNING id) " + insert,
                                new Object[] {stepTimeoutMs, id, compensationUri, completionUri, json},
                                new int[] {Types.BIGINT, TEXT, TEXT, TEXT, TEXT});
                return logged == 1;
            } catch (DuplicateKeyException taken) {
                if (attempt == MAX_STEP_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    /**
     * RUNNING -> COMPENSATING/COMPLETING, taking the lease for {@code owner}; with {@code claimedBy} only if that
     * instance still holds the claim. False when the saga was no longer RUNNING (someone else decided).
     */
    boolean decide(String id, SagaStatus decision, String owner, long leaseMs, String claimedBy) {
        String sql = "UPDATE saga SET status = ?, owner = ?, lease_until = now() + ?" + MS + ", next_attempt_at = NULL, "
                + "updated_at = now() WHERE id = ? AND status = 'RUNNING'";
        return (claimedBy == null
                ? jdbc.update(sql, decision.name(), owner, leaseMs, id)
                : jdbc.update(sql + " AND owner = ?", decision.name(), owner, leaseMs, id, claimedBy)) == 1;
    }

    Optional<SagaStatus> status(String id) {
        return jdbc.query("SELECT status FROM saga WHERE id = ?", (rs, n) -> SagaStatus.valueOf(rs.getString(1)), id)
                .stream().findFirst();
    }

    List<SagaStep> steps(String id) {
        return jdbc.query("SELECT seq, compensation_uri, completion_uri, options::text, status "
                + "FROM saga_step WHERE saga_id = ? ORDER BY seq",
                (rs, n) -> new SagaStep(id, rs.getInt(1), rs.getString(2), rs.getString(3), fromJson(rs.getString(4)),
                        rs.getString(5)), id);
    }

    void markStepDone(String id, int seq, SagaStatus direction) {
        jdbc.update("UPDATE saga_step SET status = ?, done_at = now() WHERE saga_id = ? AND seq = ? AND status = 'PENDING'",
                direction.stepDone(), id, seq);
    }

    /**
     * COMPENSATING -> COMPENSATED or COMPLETING -> COMPLETED, releasing the lease, and, in the same statement, every
     * step with an endpoint of that direction still PENDING marked done: the finisher calls this once all of them
     * answered, so a saga finishes in one round trip instead of one per step. Steps are marked only if this
     * statement finished the saga.
     */
    void finish(String id, SagaStatus direction) {
        jdbc.update("WITH finished AS (UPDATE saga SET status = ?, owner = NULL, lease_until = NULL, next_attempt_at = NULL, "
                + "updated_at = now() WHERE id = ? AND status = ? RETURNING id) "
                + "UPDATE saga_step SET status = ?, done_at = now() WHERE saga_id IN (SELECT id FROM finished) "
                + "AND status = 'PENDING' AND " + direction.stepUriColumn() + " IS NOT NULL",
                direction.finished().name(), id, direction.name(), direction.stepDone());
    }

    /**
     * Gives up this instance's claim on an unfinished saga until a back-off (growing with its attempts) has
     * passed; then any instance's recovery may claim it again.
     */
    void park(String id, String owner, long retryDelayMs, long maxRetryDelayMs) {
        jdbc.update("UPDATE saga SET owner = NULL, lease_until = NULL, attempts = attempts + 1, "
                + "next_attempt_at = now() + LEAST(?, ? * power(2, LEAST(attempts, 20)))" + MS + ", updated_at = now() "
                + "WHERE id = ? AND owner = ?", maxRetryDelayMs, retryDelayMs, id, owner);
    }

    /**
     * Claims up to {@code limit} sagas to recover, skipping rows another instance is claiming right now: RUNNING
     * or being finished, whose owner's lease expired (or that nobody owns, once their back-off passed), and
     * RUNNING sagas of this instance past their timeout. {@code busy}: sagas this instance is finishing already.
     */
    List<Claim> claim(String owner, long leaseMs, int limit, Collection<String> busy) {
        String sql = "UPDATE saga s SET owner = ?, lease_until = now() + ?" + MS + ", updated_at = now() "
                + "WHERE s.id IN (SELECT id FROM saga WHERE status IN " + UNFINISHED + " AND NOT (id = ANY (?)) "
                + "AND (next_attempt_at IS NULL OR next_attempt_at <= now()) "
                + "AND (lease_until IS NULL OR lease_until < now() OR (status = 'RUNNING' AND owner = ? AND timeout_at < now())) "
                + "ORDER BY timeout_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "RETURNING s.id, s.status";
        return jdbc.execute((ConnectionCallback<List<Claim>>) c -> {
            Array ids = c.createArrayOf("text", busy.toArray());
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, owner);
                ps.setLong(2, leaseMs);
                ps.setArray(3, ids);
                ps.setString(4, owner);
                ps.setInt(5, limit);
                List<Claim> claims = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claims.add(new Claim(rs.getString(1), SagaStatus.valueOf(rs.getString(2))));
                    }
                }
                return claims;
            } finally {
                ids.free();
            }
        });
    }

    /** Gives up every claim of this instance (stopping): another instance may take its unfinished sagas at once. */
    void release(String owner) {
        jdbc.update("UPDATE saga SET owner = NULL, lease_until = NULL WHERE owner = ? AND status IN " + UNFINISHED, owner);
    }

    /** Extends this instance's lease on the unfinished sagas it is working on. */
    void renew(String owner, Collection<String> ids, long leaseMs) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Integer>) c -> {
            Array array = c.createArrayOf("text", ids.toArray());
            try (PreparedStatement ps = c.prepareStatement("UPDATE saga SET lease_until = now() + ?" + MS
                    + " WHERE owner = ? AND id = ANY (?) AND status IN " + UNFINISHED)) {
                ps.setLong(1, leaseMs);
                ps.setString(2, owner);
                ps.setArray(3, array);
                return ps.executeUpdate();
            } finally {
                array.free();
            }
        });
    }

    Counts counts() {
        return jdbc.queryForObject("SELECT count(*) FILTER (WHERE status = 'COMPENSATING'), "
                + "count(*) FILTER (WHERE status = 'COMPLETING'), "
                + "count(*) FILTER (WHERE status = 'RUNNING' AND timeout_at < now()) FROM saga WHERE status IN " + UNFINISHED,
                (rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    /** Deletes up to 1000 sagas finished longer than {@code retentionMs} ago (their steps go with them). */
    int purgeFinished(long retentionMs) {
        return jdbc.update("DELETE FROM saga WHERE id IN (SELECT id FROM saga "
                + "WHERE status IN ('COMPENSATED', 'COMPLETED') AND updated_at < now() - ?" + MS + " LIMIT 1000)", retentionMs);
    }

    private static String toJson(Map<String, String> options) {
        try {
            return CaravanJson.MAPPER.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Saga options cannot be written as JSON", e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return CaravanJson.MAPPER.readValue(json, OPTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Saga step options are not a JSON object of strings: " + json, e);
        }
    }
}
