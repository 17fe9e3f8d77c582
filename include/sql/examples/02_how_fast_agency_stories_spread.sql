-- How fast does each agency's copy spread?
-- Per wire agency: how many wire stories, how many outlets ran them, the time from the first copy to
-- the second (how quickly someone picks it up) and to the last (how long it keeps spreading).
WITH per_story AS (
  SELECT
    w.copy_cluster_id,
    coalesce(w.wire_agency, '(not credited)') AS agency,
    w.copies,
    w.outlets,
    w.spread,
    list(a.published_at ORDER BY a.published_at) FILTER (WHERE a.published_at IS NOT NULL) AS times
  FROM wire_stories AS w
  JOIN articles AS a USING (copy_cluster_id)
  GROUP BY ALL
)
SELECT
  agency,
  count(*) AS wire_stories,
  sum(copies) AS copies,
  round(avg(outlets), 1) AS avg_outlets,
  median(times[2] - times[1]) FILTER (WHERE len(times) >= 2) AS median_time_to_second_copy,
  median(spread) FILTER (WHERE copies > 1) AS median_spread,
  max(spread) AS longest_spread
FROM per_story
GROUP BY agency
ORDER BY copies DESC, agency;
