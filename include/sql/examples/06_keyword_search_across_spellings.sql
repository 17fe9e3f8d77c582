-- Which articles mention a place, whatever the transliteration?
-- search() reads the keyword index (article_tokens), not the texts; the two spellings are two searches.
SELECT DISTINCT
  s.story_id,
  s.copy_cluster_id,
  s.dt,
  coalesce(s.publisher, s.source_id) AS outlet,
  s.wire_agency,
  s.title
FROM (
  SELECT * FROM search('qaryatain')
  UNION ALL
  SELECT * FROM search('qaryatayn')
) AS s
ORDER BY s.story_id, s.copy_cluster_id, s.dt, outlet;
