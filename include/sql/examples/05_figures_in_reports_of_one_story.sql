-- What figures do the different reports of one event give?
-- For the story (group of wire reports about one event) that best matches a keyword: each report's
-- canonical copy, who it comes from, the casualty-style figures in its text and how it spells the place.
SET VARIABLE keyword = 'qaryatain';

WITH story AS (
  SELECT story_id
  FROM search(getvariable('keyword'))
  GROUP BY story_id
  ORDER BY count(*) DESC, story_id
  LIMIT 1
)
SELECT
  w.title,
  coalesce(w.wire_agency, a.original_source, a.syndicator, '(unknown)') AS source,
  w.copies,
  list_distinct(regexp_extract_all(
    a.text, '(\d[\d,]*)\s+(?:people|civilians|bodies|dead|killed|fighters|soldiers|militants|members)', 1
  )) AS figures,
  list_distinct(regexp_extract_all(a.text, '(?:al[- ])?Qaryat\w+')) AS place_spellings,
  w.first_published_at
FROM wire_stories AS w
JOIN story USING (story_id)
JOIN articles AS a ON a.article_id = w.canonical_article_id
ORDER BY w.first_published_at NULLS LAST, w.title;
