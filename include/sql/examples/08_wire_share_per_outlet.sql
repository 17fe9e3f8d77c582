-- How much of each outlet's output is wire copy?
-- Articles per outlet, how many credit an agency, how many are copies of an article another outlet
-- carried first, and which agencies it runs.
SELECT
  coalesce(publisher, source_id) AS outlet,
  count(*) AS articles,
  count(*) FILTER (WHERE wire_agency IS NOT NULL) AS credited_to_an_agency,
  count(*) FILTER (WHERE NOT is_canonical) AS copies_of_others,
  round(100.0 * count(*) FILTER (WHERE NOT is_canonical) / count(*), 1) AS pct_copies,
  coalesce(list(DISTINCT wire_agency ORDER BY wire_agency) FILTER (WHERE wire_agency IS NOT NULL), [])
    AS agencies
FROM articles
GROUP BY ALL
ORDER BY articles DESC, outlet;
