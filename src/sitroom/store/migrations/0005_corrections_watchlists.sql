-- The analyst's layer on top of extraction.
--
-- corrections: the audit trail. One row per edit an analyst made (never updated, never
-- deleted), keyed by the stable ids of what it targets (content-derived event and claim
-- ids, actor slugs) so it still applies after the corpus is re-extracted. ``effect`` holds
-- the column values the edit sets; the query layer (corrections/overlay.py) lays the latest
-- effect per column over the extracted rows at read time.
--
-- correction_anchors: derived, not audit. When a re-extraction gives a corrected event or
-- claim a new id (its evidence moved), the new id is recorded here so the correction
-- follows it.
--
-- watchlists: saved queries with a cursor (the highest article seq already reported), so
-- `sitroom watch run` prints only what is new since the last run.

CREATE SEQUENCE correction_seq START 1;

CREATE TABLE corrections (
    id VARCHAR PRIMARY KEY,           -- hash of the edit's content: importing it twice adds nothing
    seq BIGINT NOT NULL DEFAULT nextval('correction_seq'),
    target_kind VARCHAR NOT NULL,     -- event, claim, actor
    target_id VARCHAR NOT NULL,
    article_id VARCHAR,               -- for events and claims: where the target was extracted
    anchor_start INTEGER,             -- the target's evidence span then, to re-find it
    anchor_end INTEGER,
    action VARCHAR NOT NULL,          -- set, reject, confirm, merge, split, role
    field VARCHAR NOT NULL,
    old_value JSON,
    new_value JSON,
    effect JSON NOT NULL,             -- column -> value the overlay applies
    why VARCHAR,
    operator VARCHAR,                 -- who, when SITROOM_OPERATOR or --by names someone
    made_at TIMESTAMP NOT NULL,
    pipeline_version VARCHAR NOT NULL -- the pipeline whose output was corrected
);

CREATE INDEX corrections_target ON corrections (target_kind, target_id);

CREATE TABLE correction_anchors (
    target_kind VARCHAR NOT NULL,
    old_id VARCHAR NOT NULL,
    new_id VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    made_at TIMESTAMP NOT NULL,
    PRIMARY KEY (target_kind, old_id)
);

CREATE TABLE watchlists (
    name VARCHAR PRIMARY KEY,
    actor VARCHAR,
    types VARCHAR[],
    country VARCHAR,
    place VARCHAR,
    since VARCHAR,                    -- fixed window (ISO dates) ...
    until VARCHAR,
    days INTEGER,                     -- ... or a rolling one: the last N days
    created_at TIMESTAMP NOT NULL,
    cursor_seq BIGINT NOT NULL DEFAULT 0,
    last_run_at TIMESTAMP
);
