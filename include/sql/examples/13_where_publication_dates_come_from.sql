-- Where do publication dates come from, and how often are they doubtful?
-- Per outlet and date source (feed, sitemap, JSON-LD, meta, URL, text, fetch time): articles, and how
-- many carry a flag (sources disagree, date in the future, …).
SELECT
  coalesce(publisher, source_id) AS outlet,
  coalesce(published_at_source, '(none)') AS date_source,
  count(*) AS articles,
  count(*) FILTER (WHERE len(date_flags) > 0) AS flagged,
  coalesce(list(DISTINCT flag ORDER BY flag) FILTER (WHERE flag IS NOT NULL), []) AS flags
FROM (SELECT *, unnest(CASE WHEN len(date_flags) > 0 THEN date_flags ELSE [NULL] END) AS flag FROM articles)
GROUP BY ALL
ORDER BY outlet, articles DESC;
