-- What every read used to recompute, kept as tables (store/readmodel.py fills them).
--
-- Readers used to lay the corrections over the extracted rows and count each event's
-- sources in every query; on a million events that cost more than the query itself. These
-- tables hold the result: the writer, the re-extraction, the Parquet import and every
-- correction refresh the rows they change in the same transaction as the change, so a
-- reader never sees one without the other. They are derived, never edited: a store
-- migrated to this version is filled from its extracted rows and corrections when it is
-- next opened for writing (before any reader can open it at this version).
--
-- read_events: the events as readers see them (corrections applied, rejected ones kept
-- with review = 'rejected'), with how many articles tell each (source_articles), its
-- cluster's sources, and the fields of its article that lists show and filter on (an
-- article never changes them once stored), so no read joins articles. A later migration
-- that adds a column to events adds it here too. ``location_key`` is the location text
-- lower-cased (the place filter matches it). ``rid`` numbers the rows for
-- read_event_actors.

CREATE SEQUENCE read_event_rid START 1;

CREATE TABLE read_events (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    type VARCHAR,
    mode VARCHAR,
    contexts VARCHAR[],
    quad INTEGER,
    cameo VARCHAR,
    acled_type VARCHAR,
    acled_sub_type VARCHAR,
    date_value VARCHAR,
    date_precision VARCHAR,
    date_text VARCHAR,
    day DATE,
    date_fallback BOOLEAN,
    modality VARCHAR,
    historical BOOLEAN,
    location_place VARCHAR,
    location_text VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_country VARCHAR,
    geo_precision INTEGER,
    actor_ids VARCHAR[],
    codes VARCHAR[],
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text VARCHAR,
    evidence_field VARCHAR,
    rule VARCHAR,
    score DOUBLE,
    actors JSON,
    recipients JSON,
    size JSON,
    reported_by JSON,
    record JSON,
    pipeline_version VARCHAR,
    cluster_id VARCHAR,
    source_articles BIGINT,
    sources BIGINT,
    independent_sources BIGINT,
    corrected VARCHAR[],
    review VARCHAR,
    article_title VARCHAR,
    article_published VARCHAR,
    article_source VARCHAR,
    article_outlet VARCHAR,
    article_site VARCHAR,
    article_seq BIGINT,
    location_key VARCHAR,
    rid BIGINT NOT NULL DEFAULT nextval('read_event_rid')
);

-- Which (corrected) actor ids each read_events row involves (its actor_ids, which hold
-- every participant's id), whether as an actor, a recipient or both, and the event's day,
-- key and review; ordered by actor when filled whole, so "events of actor X" reads a few
-- rows instead of every event.
CREATE TABLE read_event_actors (
    actor_id VARCHAR NOT NULL,
    rid BIGINT NOT NULL,
    as_actor BOOLEAN,
    as_recipient BOOLEAN,
    day DATE,
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    review VARCHAR
);

-- The page's unfiltered timeline and map: read_events (not rejected) grouped as
-- queries.events_per_day and queries.event_points group them.
CREATE TABLE read_timeline (
    day DATE,
    type VARCHAR,
    events BIGINT NOT NULL
);

CREATE TABLE read_map (
    place VARCHAR,
    name VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    country VARCHAR,
    events BIGINT NOT NULL,
    types VARCHAR[],
    first_day DATE,
    last_day DATE
);

-- read_actors: the actors rows as readers see them (merged and split ids resolved, role
-- fixes applied), with their article's date and seq. read_actor_list: one row per actor
-- id as queries.actors lists them. read_actor_keys: every id, name and alias of them,
-- lower-cased, with the id it names, for "actor X" filters that accept a name or an alias.
CREATE TABLE read_actors (
    article_id VARCHAR NOT NULL,
    id VARCHAR,
    name VARCHAR,
    aliases VARCHAR[],
    kind VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    ethnicity VARCHAR,
    rule VARCHAR,
    score DOUBLE,
    pipeline_version VARCHAR,
    corrected BOOLEAN,
    article_published VARCHAR,
    article_seq BIGINT
);

CREATE TABLE read_actor_list (
    id VARCHAR,
    name VARCHAR,
    aliases VARCHAR[],
    kind VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    ethnicity VARCHAR,
    articles BIGINT,
    corrected BOOLEAN
);

CREATE TABLE read_actor_keys (
    key VARCHAR NOT NULL,
    id VARCHAR NOT NULL
);

-- read_claims: the claims as readers see them (corrections applied, rejected ones kept),
-- with the claim group (same subject, numbers, unit and month), its source counts and
-- their article's fields as in read_events.
CREATE TABLE read_claims (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    subject VARCHAR,
    subject_key VARCHAR,
    actor VARCHAR,
    measure VARCHAR,
    low DOUBLE,
    high DOUBLE,
    unit VARCHAR,
    qualifier VARCHAR,
    vague BOOLEAN,
    claimant_actor VARCHAR,
    claimant_text VARCHAR,
    date_value VARCHAR,
    date_precision VARCHAR,
    day DATE,
    date_fallback BOOLEAN,
    places VARCHAR[],
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text VARCHAR,
    evidence_field VARCHAR,
    rule VARCHAR,
    score DOUBLE,
    record JSON,
    pipeline_version VARCHAR,
    corrected VARCHAR[],
    review VARCHAR,
    claim_group VARCHAR,
    claim_group_claims BIGINT,
    claim_sources BIGINT,
    claim_independent_sources BIGINT,
    article_title VARCHAR,
    article_published VARCHAR,
    article_source VARCHAR,
    article_outlet VARCHAR,
    article_site VARCHAR,
    article_seq BIGINT
);

-- The claims tracker's subject list without filters: read_claims (not rejected) grouped
-- by subject_key as queries.claim_subjects groups them.
CREATE TABLE read_claim_subjects (
    subject_key VARCHAR,
    subject VARCHAR,
    unit VARCHAR,
    claims BIGINT NOT NULL,
    claimants BIGINT,
    first_day DATE,
    last_day DATE,
    series STRUCT(id VARCHAR, article_id VARCHAR, day DATE, low DOUBLE, high DOUBLE, qualifier VARCHAR,
                  claimant VARCHAR, claimant_text VARCHAR)[]
);

-- Whether the tables above hold every stored row: false until a store migrated to this
-- version has been filled.
CREATE TABLE read_state (
    filled BOOLEAN NOT NULL
);

INSERT INTO read_state VALUES (false);
