-- The SCHEMA.md record, one table per part. Every row carries the article it came from and
-- the pipeline version that produced it, so a newer pipeline can find and re-extract it.
-- Offsets are named start_char/end_char ("end" is an SQL keyword); explanation becomes
-- rule/score. Nested parts that are only ever read whole are JSON; what queries filter on
-- is flattened into columns.

CREATE SEQUENCE article_seq START 1;

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,           -- model.content_key: hash of normalised title + body
    seq BIGINT NOT NULL DEFAULT nextval('article_seq'),
    source VARCHAR NOT NULL,
    url VARCHAR,
    outlet VARCHAR,
    site VARCHAR,
    author VARCHAR,
    title VARCHAR,
    published VARCHAR,                -- ISO YYYY-MM-DD as the article gives it
    updated VARCHAR,
    dateline VARCHAR,
    summary VARCHAR[] NOT NULL,
    captions VARCHAR[] NOT NULL,
    text VARCHAR NOT NULL,
    language VARCHAR,
    duplicate_of VARCHAR,
    coded BOOLEAN NOT NULL,           -- false: stored but not extracted (not English)
    pipeline_version VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);

CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    actor VARCHAR,
    place VARCHAR,
    field VARCHAR,
    rule VARCHAR,
    score DOUBLE,
    pipeline_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, idx)
);

-- One row per actor per article: country and sector are the coding valid on that
-- article's date, so the same id may carry different codes over time.
CREATE TABLE actors (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    aliases VARCHAR[] NOT NULL,
    kind VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    ethnicity VARCHAR,
    rule VARCHAR,
    score DOUBLE,
    pipeline_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, id)
);

CREATE TABLE actor_roles (
    article_id VARCHAR NOT NULL,
    actor VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    country VARCHAR,
    sector VARCHAR,
    title VARCHAR,
    start_date VARCHAR,
    end_date VARCHAR,
    source VARCHAR,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text VARCHAR,
    evidence_field VARCHAR,
    pipeline_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, actor, idx)
);

CREATE TABLE places (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    feature_class VARCHAR,
    feature_code VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    population BIGINT,
    rule VARCHAR,
    score DOUBLE,
    pipeline_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, id)
);

CREATE TABLE times (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    value VARCHAR,
    precision VARCHAR,
    type VARCHAR,
    timex VARCHAR,
    field VARCHAR,
    rule VARCHAR,
    score DOUBLE,
    pipeline_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE events (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    contexts VARCHAR[] NOT NULL,
    quad INTEGER,
    cameo VARCHAR,
    acled_type VARCHAR,
    acled_sub_type VARCHAR,
    date_value VARCHAR,
    date_precision VARCHAR,
    date_text VARCHAR,
    day DATE,                         -- first day of date_value, else the publication date
    date_fallback BOOLEAN NOT NULL,   -- true: day is the publication date, the text gave none
    modality VARCHAR NOT NULL,
    historical BOOLEAN NOT NULL,
    location_place VARCHAR,
    location_text VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_country VARCHAR,
    geo_precision INTEGER,
    actor_ids VARCHAR[] NOT NULL,     -- actors and recipients, for "events involving X"
    codes VARCHAR[] NOT NULL,         -- their PLOVER country codes
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text VARCHAR,
    evidence_field VARCHAR,
    rule VARCHAR,
    score DOUBLE,
    actors JSON NOT NULL,
    recipients JSON NOT NULL,
    size JSON NOT NULL,
    reported_by JSON,
    record JSON NOT NULL,             -- the event exactly as SCHEMA.md writes it
    pipeline_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, id)
);

CREATE TABLE claims (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    subject_key VARCHAR NOT NULL,
    actor VARCHAR,
    measure VARCHAR,
    low DOUBLE,
    high DOUBLE,
    unit VARCHAR,
    qualifier VARCHAR,
    vague BOOLEAN NOT NULL,
    claimant_actor VARCHAR,
    claimant_text VARCHAR,
    date_value VARCHAR,
    date_precision VARCHAR,
    day DATE,
    date_fallback BOOLEAN NOT NULL,
    places VARCHAR[] NOT NULL,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text VARCHAR,
    evidence_field VARCHAR,
    rule VARCHAR,
    score DOUBLE,
    record JSON NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    PRIMARY KEY (article_id, id)
);
