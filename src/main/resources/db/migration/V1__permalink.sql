-- Permalinks: one row per distinct scenario (by the hash of its canonical form).
-- Plain SQL that SQLite and PostgreSQL both read; text columns only, so a backup is readable
-- with the sqlite3 or psql command line. Rows are never updated except to record a missing
-- digest, and never deleted: an id once given keeps its meaning.
CREATE TABLE permalink (
    id               VARCHAR(52)  NOT NULL PRIMARY KEY,  -- shortest unique prefix of hash, 10+ chars
    hash             VARCHAR(52)  NOT NULL UNIQUE,       -- SHA-256 of the canonical form, id alphabet
    bucket           VARCHAR(10)  NOT NULL,              -- first 10 chars of hash: the prefix-collision lookup
    canonical_form   INTEGER      NOT NULL,              -- version of the canonicalisation rules
    source           TEXT         NOT NULL,              -- the scenario exactly as submitted
    title            TEXT         NOT NULL,
    summary          TEXT         NOT NULL,              -- first sentence, plain text, for link previews
    engine           VARCHAR(200),                       -- engine that made trace_digest, e.g. 'shadowstep 0.1.0'
    trace_digest     VARCHAR(64),                        -- SHA-256 (hex) of the trace's steps, events, outcome
    trace_prints     TEXT,                               -- base64 per-step fingerprints that locate drift
    created_at       VARCHAR(30)  NOT NULL               -- ISO-8601 UTC with milliseconds
);

CREATE INDEX permalink_bucket ON permalink (bucket);
