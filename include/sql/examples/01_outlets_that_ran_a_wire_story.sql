-- Which outlets ran a given wire story, and when?
-- Every copy of the wire story (copy cluster) that best matches a keyword, in the order the copies
-- appeared, with how long after the first copy each one came. Change the keyword to follow another story.
SET VARIABLE keyword = 'qaryatayn';

WITH story AS (
  SELECT copy_cluster_id
  FROM search(getvariable('keyword'))
  GROUP BY copy_cluster_id
  ORDER BY count(*) DESC, copy_cluster_id
  LIMIT 1
)
SELECT
  a.published_at,
  coalesce(a.publisher, a.source_id) AS outlet,
  a.title,
  a.published_at - min(a.published_at) OVER () AS after_first_copy,
  a.is_canonical,
  a.dedup_method,
  a.url
FROM articles AS a
JOIN story USING (copy_cluster_id)
ORDER BY a.published_at NULLS LAST, outlet;
