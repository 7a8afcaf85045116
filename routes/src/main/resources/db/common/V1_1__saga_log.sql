-- The saga log of io.caravan.common.saga.JdbcSagaService (any service may run sagas on its own database):
-- which sagas run, which steps they declared and the evaluated options their compensations and completions
-- need, so a saga interrupted by a crash is finished (completed or compensated) by a surviving instance.

CREATE TABLE saga (
    id               TEXT         PRIMARY KEY,
    status           TEXT         NOT NULL
                     CHECK (status IN ('RUNNING', 'COMPENSATING', 'COMPLETING', 'COMPENSATED', 'COMPLETED')),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- a RUNNING saga past this instant is decided by the recovery policy
    timeout_at       TIMESTAMPTZ  NOT NULL,
    -- the instance driving the saga and how long its claim holds (renewed while it works on the saga)
    owner            TEXT,
    lease_until      TIMESTAMPTZ,
    -- finishing passes that ended with a step still undone, and when the next one may start
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ
);
-- what recovery scans: unfinished sagas only
CREATE INDEX saga_unfinished ON saga (timeout_at) WHERE status IN ('RUNNING', 'COMPENSATING', 'COMPLETING');
-- what the retention clean-up scans
CREATE INDEX saga_finished ON saga (updated_at) WHERE status IN ('COMPENSATED', 'COMPLETED');

CREATE TABLE saga_step (
    saga_id           TEXT         NOT NULL REFERENCES saga (id) ON DELETE CASCADE,
    seq               INTEGER      NOT NULL,
    compensation_uri  TEXT,
    completion_uri    TEXT,
    -- the step's option(...) values, evaluated when the step began, as strings
    options           JSONB        NOT NULL DEFAULT '{}',
    status            TEXT         NOT NULL DEFAULT 'PENDING'
                      CHECK (status IN ('PENDING', 'COMPENSATED', 'COMPLETED')),
    done_at           TIMESTAMPTZ,
    PRIMARY KEY (saga_id, seq)
);
