-- Drafts: the scenario text behind each run id (editor runs, comparisons, library and permalink
-- pages), never its trace: runs are deterministic, so any instance that does not hold a run in
-- memory runs the text again. The id is a prefix of the text's hash with the engine version, so
-- the same run has the same id on every instance. Rows not opened for the time-to-live
-- (shadowstep.web.draft-ttl, at least 30 days; src/docs/permalinks.md) are deleted.
-- Plain SQL that SQLite and PostgreSQL both read, as V1.
CREATE TABLE draft (
    id          VARCHAR(52)  NOT NULL PRIMARY KEY,  -- the run id: first 12 characters of hash
    hash        VARCHAR(52)  NOT NULL,              -- SHA-256 of engine, permalink id and text, id alphabet
    source      TEXT         NOT NULL,              -- the scenario text exactly as run
    permalink   VARCHAR(52),                        -- the permalink whose page made the run, else null
    slug        VARCHAR(200),                       -- the library scenario it is, else null
    created_at  VARCHAR(30)  NOT NULL,              -- ISO-8601 UTC with milliseconds
    used_at     VARCHAR(30)  NOT NULL               -- last saved or opened; the time-to-live counts from here
);

CREATE INDEX draft_used_at ON draft (used_at);
