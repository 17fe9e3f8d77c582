-- Which original sources reach readers through syndicators?
-- Articles whose original source differs from the site that served them (e.g. a Jordan Times story
-- republished by MENAFN), with the dateline the cleaning took from the attribution prefix.
SELECT
  original_source,
  coalesce(syndicator, publisher) AS republished_by,
  count(*) AS articles,
  list(DISTINCT dateline ORDER BY dateline) FILTER (WHERE dateline IS NOT NULL) AS datelines,
  min(published_at) AS first_published_at
FROM articles
WHERE original_source IS NOT NULL
  AND original_source IS DISTINCT FROM coalesce(syndicator, publisher)
GROUP BY ALL
ORDER BY articles DESC, original_source;
