-- Near-duplicate linking that works across ingest runs: each article's MinHash signature
-- is kept, and its LSH band keys are indexed so candidates are found with one lookup
-- instead of loading every signature into memory.

ALTER TABLE articles ADD COLUMN minhash UBIGINT[];

CREATE TABLE article_lsh (
    key BIGINT NOT NULL,              -- hash of (band number, the band's signature slice)
    article_id VARCHAR NOT NULL
);

CREATE INDEX article_lsh_key ON article_lsh (key);
