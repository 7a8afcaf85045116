package io.caravan.bench.gatling;

import java.util.function.BiPredicate;

import io.caravan.bench.proc.LevelRecorder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;

import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Keeps each answer's status, problem code and response time in the session (these checks never fail, so they
 * run whatever the answer), for {@link #record} to hand to the LevelRecorder after the request.
 */
final class Answers {

    private Answers() {
    }

    static CheckBuilder[] keep() {
        return new CheckBuilder[] {status().saveAs("status"), jsonPath("$.code").optional().saveAs("code"),
                responseTimeInMillis().saveAs("rt")};
    }

    /** @param ok which (status, code) the scenario counts as success, the same rule as its Gatling check */
    static Session record(Session session, BiPredicate<Integer, String> ok) {
        int status = session.contains("status") ? session.getInt("status") : 0;
        String code = session.contains("code") ? session.getString("code") : null;
        long rt = session.contains("rt") ? session.getLong("rt") : 0;
        LevelRecorder.outcome(status, code, rt, ok.test(status, code));
        return session;
    }
}
