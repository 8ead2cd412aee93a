-- Articles record which rule filled each metadata field (model.Article.provenance):
-- {"title": {"rule": ..., "score": ...}, "summary:0": {...}, ...}.

ALTER TABLE articles ADD COLUMN provenance JSON;
