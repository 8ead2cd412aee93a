-- Events from different articles that describe the same happening share a cluster, and
-- each article says which independent source it rests on, so a wire story syndicated by
-- twenty sites counts once. Both are filled by the writer inside each batch transaction
-- (store/clusters.py, store/sources.py); rows stored before this migration are filled by
-- the next write, oldest first.

ALTER TABLE events ADD COLUMN cluster_id VARCHAR;

ALTER TABLE articles ADD COLUMN wire VARCHAR;          -- agency credited (AFP, Reuters, AP ...) or NULL
ALTER TABLE articles ADD COLUMN copy_of VARCHAR;       -- earlier article this one re-publishes, if any
ALTER TABLE articles ADD COLUMN source_key VARCHAR;    -- the independent source: wire:AFP, site:..., file:...
ALTER TABLE articles ADD COLUMN source_rule VARCHAR;   -- why: wire credit rule, near-duplicate, similar-text, outlet

-- One row per cluster: its members, their articles, and how many sources and independent
-- sources report it. A view, so it can never disagree with the events it summarises.
CREATE VIEW event_clusters AS
SELECT
    e.cluster_id,
    arg_min(e.type, a.seq) AS type,
    count(*) AS events,
    count(DISTINCT e.article_id) AS sources,
    count(DISTINCT coalesce(a.source_key, a.id)) AS independent_sources,
    list_sort(list(DISTINCT coalesce(a.source_key, a.id))) AS source_keys,
    list(struct_pack(article_id := e.article_id, event_id := e.id) ORDER BY a.seq, e.id) AS members,
    list(DISTINCT e.article_id) AS articles,
    list_sort(list(DISTINCT coalesce(a.site, a.outlet, split_part(a.source, '#', 1)))) AS outlets,
    min(e.day) AS first_day,
    max(e.day) AS last_day,
    min(a.published) AS first_published
FROM events e JOIN articles a ON a.id = e.article_id
WHERE e.cluster_id IS NOT NULL
GROUP BY e.cluster_id;

-- The same claim (subject, measure, numbers, unit, month) made in several articles: how
-- many articles and independent sources it rests on.
CREATE VIEW claim_groups AS
SELECT
    c.article_id,
    c.id,
    md5(concat_ws('|', c.subject_key, c.measure, coalesce(c.low::VARCHAR, ''), coalesce(c.high::VARCHAR, ''),
                  coalesce(c.unit, ''), coalesce(left(c.date_value, 7), strftime(c.day, '%Y-%m'), ''))) AS group_key,
    coalesce(a.source_key, a.id) AS source_key
FROM claims c JOIN articles a ON a.id = c.article_id;

CREATE VIEW claim_sources AS
SELECT group_key, count(*) AS claims, count(DISTINCT article_id) AS sources,
       count(DISTINCT source_key) AS independent_sources
FROM claim_groups GROUP BY group_key;
