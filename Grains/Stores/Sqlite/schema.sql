-- A2Q.Cluster run store, SQLite dialect. Times are Unix milliseconds (UTC).
PRAGMA journal_mode = WAL;

CREATE TABLE IF NOT EXISTS runs (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    key              TEXT    NOT NULL UNIQUE,
    sweep            TEXT    NOT NULL,
    spec             TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    lease_epoch      INTEGER NOT NULL DEFAULT 0,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    not_before       INTEGER NOT NULL DEFAULT 0,
    result           TEXT,
    error            TEXT,
    traceparent      TEXT,
    enqueued_at      INTEGER NOT NULL,
    finished_at      INTEGER
);

CREATE INDEX IF NOT EXISTS runs_runnable ON runs (state, not_before, seq);
CREATE INDEX IF NOT EXISTS runs_sweep ON runs (sweep);

CREATE TABLE IF NOT EXISTS silos (
    id         TEXT    PRIMARY KEY,
    host       TEXT    NOT NULL,
    slots      INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL
);
