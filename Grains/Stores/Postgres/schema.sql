-- A2Q.Cluster run store, PostgreSQL dialect. {schema} is replaced by the configured schema name.
-- Times are Unix milliseconds (UTC), written by the application's clock like the SQLite store's.
CREATE SCHEMA IF NOT EXISTS {schema};

CREATE TABLE IF NOT EXISTS {schema}.runs (
    seq              BIGSERIAL PRIMARY KEY,
    key              TEXT    NOT NULL UNIQUE,
    sweep            TEXT    NOT NULL,
    spec             TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    lease_epoch      BIGINT  NOT NULL DEFAULT 0,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    not_before       BIGINT  NOT NULL DEFAULT 0,
    result           TEXT,
    error            TEXT,
    traceparent      TEXT,
    enqueued_at      BIGINT  NOT NULL,
    finished_at      BIGINT
);

CREATE INDEX IF NOT EXISTS runs_runnable ON {schema}.runs (state, not_before, seq);
CREATE INDEX IF NOT EXISTS runs_sweep ON {schema}.runs (sweep);

CREATE TABLE IF NOT EXISTS {schema}.silos (
    id         TEXT    PRIMARY KEY,
    host       TEXT    NOT NULL,
    slots      INTEGER NOT NULL,
    started_at BIGINT  NOT NULL,
    last_seen  BIGINT  NOT NULL
);
