-- Analyst views over the warehouse tables; re-created on every load (CREATE OR REPLACE).

-- One row per copy cluster: the canonical copy of each wire story.
CREATE OR REPLACE VIEW canonical_articles AS
SELECT * FROM articles WHERE is_canonical;

-- Per copy cluster: the canonical headline, when it first appeared, who ran it and how fast it spread.
CREATE OR REPLACE VIEW wire_stories AS
SELECT
  copy_cluster_id,
  any_value(title ORDER BY is_canonical DESC, published_at NULLS LAST, url) AS title,
  any_value(canonical_article_id) AS canonical_article_id,
  min(published_at) AS first_published_at,
  max(published_at) AS last_published_at,
  max(published_at) - min(published_at) AS spread,
  count(*) AS copies,
  count(DISTINCT publisher) AS outlets,
  list(DISTINCT publisher ORDER BY publisher) AS publishers,
  list(DISTINCT wire_agency ORDER BY wire_agency) FILTER (WHERE wire_agency IS NOT NULL) AS agencies,
  min(dt) AS first_dt,
  any_value(story_id) AS story_id
FROM articles
GROUP BY copy_cluster_id;

-- Per story (different reports of one event, possibly from several wires).
CREATE OR REPLACE VIEW stories AS
SELECT
  story_id,
  count(DISTINCT copy_cluster_id) AS reports,
  count(*) AS articles,
  min(published_at) AS first_published_at,
  list(DISTINCT title ORDER BY title) AS titles,
  list(DISTINCT wire_agency ORDER BY wire_agency) FILTER (WHERE wire_agency IS NOT NULL) AS agencies
FROM articles
GROUP BY story_id;

-- Volume per source and day, with copies and rejects.
CREATE OR REPLACE VIEW daily_source_stats AS
WITH a AS (
  SELECT dt, source_id, count(*) AS articles, count(*) FILTER (WHERE is_canonical) AS canonical,
         count(*) FILTER (WHERE NOT is_canonical) AS copies
  FROM articles GROUP BY ALL
), r AS (
  SELECT dt, source_id, count(*) AS rejects FROM rejects GROUP BY ALL
)
SELECT coalesce(a.dt, r.dt) AS dt, coalesce(a.source_id, r.source_id) AS source_id,
       coalesce(articles, 0) AS articles, coalesce(canonical, 0) AS canonical,
       coalesce(copies, 0) AS copies, coalesce(rejects, 0) AS rejects
FROM a FULL OUTER JOIN r ON a.dt = r.dt AND a.source_id = r.source_id;

-- Everything cleaning removed, one row per removal.
CREATE OR REPLACE VIEW removed_boilerplate AS
SELECT article_id, dt, publisher, syndicator, r.kind AS kind, r.text AS text
FROM articles, unnest(removed) AS u(r);

-- Common filters.
CREATE OR REPLACE MACRO articles_between(d0, d1) AS TABLE
  SELECT * FROM articles WHERE dt BETWEEN d0 AND d1;
CREATE OR REPLACE MACRO articles_from(src) AS TABLE
  SELECT * FROM articles WHERE source_id = src;
