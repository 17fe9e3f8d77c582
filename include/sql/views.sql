-- Analyst views and macros over the warehouse tables. Re-created by every load (CREATE OR REPLACE),
-- so a view changes with the code that loads the data. Documented in docs/data-dictionary.md.

-- The canonical copy of every copy cluster: one row per wire story as first carried.
CREATE OR REPLACE VIEW canonical_articles AS
SELECT * FROM articles WHERE is_canonical;

-- Per copy cluster: canonical headline, when it first and last appeared, who ran it, how fast it spread.
-- Reads copy_clusters, which the load keeps current for every cluster a replaced day touches.
CREATE OR REPLACE VIEW wire_stories AS
SELECT
  copy_cluster_id,
  title,
  canonical_article_id,
  url,
  publisher,
  wire_agency,
  first_published_at,
  last_published_at,
  last_published_at - first_published_at AS spread,
  copies,
  outlets,
  publishers,
  agencies,
  sources,
  first_publisher,
  first_dt,
  last_dt,
  story_id
FROM copy_clusters;

-- Per story: different wire reports (copy clusters) of one event, possibly from several agencies.
CREATE OR REPLACE VIEW stories AS
SELECT
  story_id,
  count(*) AS reports,
  sum(copies)::BIGINT AS articles,
  min(first_published_at) AS first_published_at,
  max(last_published_at) AS last_published_at,
  min(first_dt) AS first_dt,
  list(DISTINCT title ORDER BY title) FILTER (WHERE title IS NOT NULL) AS titles,
  list_sort(list_distinct(flatten(list(agencies)))) AS agencies,
  list_sort(list_distinct(flatten(list(publishers)))) AS publishers,
  list(copy_cluster_id ORDER BY first_published_at NULLS LAST, copy_cluster_id) AS copy_cluster_ids
FROM copy_clusters
GROUP BY story_id;

-- Volume per source and day: articles, canonical copies, copies of other articles, rejects.
CREATE OR REPLACE VIEW daily_source_stats AS
WITH a AS (
  SELECT dt, source_id, count(*) AS articles, count(*) FILTER (WHERE is_canonical) AS canonical,
         count(*) FILTER (WHERE NOT is_canonical) AS copies, sum(word_count)::BIGINT AS words,
         count(DISTINCT publisher) AS publishers
  FROM articles GROUP BY ALL
), r AS (
  SELECT dt, source_id, count(*) AS rejects FROM rejects GROUP BY ALL
)
SELECT coalesce(a.dt, r.dt) AS dt, coalesce(a.source_id, r.source_id) AS source_id,
       coalesce(articles, 0) AS articles, coalesce(canonical, 0) AS canonical,
       coalesce(copies, 0) AS copies, coalesce(rejects, 0) AS rejects,
       CASE WHEN articles > 0 THEN round(copies / articles, 4) END AS duplicate_ratio,
       coalesce(words, 0) AS words, coalesce(publishers, 0) AS publishers
FROM a FULL OUTER JOIN r ON a.dt = r.dt AND a.source_id = r.source_id;

-- Everything cleaning removed, one row per removal (kind + the exact text cut).
CREATE OR REPLACE VIEW removed_boilerplate AS
SELECT article_id, dt, source_id, url, publisher, syndicator, r.kind AS kind, r.text AS text
FROM articles, unnest(removed) AS u(r);

-- One row per quality check of every recorded run.
CREATE OR REPLACE VIEW run_checks AS
SELECT run_id, dt, status, c ->> 'name' AS name, (c ->> 'ok')::BOOLEAN AS ok, c ->> 'detail' AS detail
FROM runs, unnest(CAST(checks AS JSON[])) AS u(c);

-- Common filters: a date range (inclusive), a source, or both.
CREATE OR REPLACE MACRO articles_between(d0, d1) AS TABLE
  SELECT * FROM articles WHERE dt BETWEEN CAST(d0 AS DATE) AND CAST(d1 AS DATE);
CREATE OR REPLACE MACRO articles_from(src) AS TABLE
  SELECT * FROM articles WHERE source_id = src OR publisher = src;
CREATE OR REPLACE MACRO source_articles_between(src, d0, d1) AS TABLE
  SELECT * FROM articles
  WHERE (source_id = src OR publisher = src) AND dt BETWEEN CAST(d0 AS DATE) AND CAST(d1 AS DATE);
CREATE OR REPLACE MACRO wire_stories_between(d0, d1) AS TABLE
  SELECT * FROM wire_stories WHERE first_dt BETWEEN CAST(d0 AS DATE) AND CAST(d1 AS DATE);

-- Keyword search. The tokenizer macros (search_normalize, search_terms) are in tokenizer.sql.

-- Articles containing every word of q, found through article_tokens: no text is scanned. The rows of
-- the matching articles are then fetched by rowid, which reads only the storage vectors holding them.
-- matches = occurrences of the words in the article (title, standfirst and text).
CREATE OR REPLACE MACRO search(q) AS TABLE
  WITH terms AS (SELECT unnest(search_terms(q)) AS token),
  postings AS (
    SELECT t.dt, t.token, unnest(t.article_nos) AS article_no
    FROM article_tokens t
    WHERE t.token IN (SELECT token FROM terms)
  ),
  hits AS (
    SELECT dt, article_no, count(*) AS matches FROM postings GROUP BY dt, article_no
    HAVING count(DISTINCT token) = (SELECT count(*) FROM terms)
  ),
  found AS (
    SELECT a.rowid AS row_id, h.matches
    FROM articles a JOIN hits h ON a.dt = h.dt AND a.article_no = h.article_no
  )
  SELECT a.*, f.matches
  FROM articles a JOIN found f ON a.rowid = f.row_id;
