-- Was each day complete: what was rejected, and did the latest run's quality checks pass?
-- Per loaded day: rejected pages by reason, and the results of the day's most recent run.
WITH latest AS (
  SELECT dt, arg_max(run_id, finished_at) AS run_id
  FROM runs
  GROUP BY dt
), checks AS (
  SELECT c.dt, count(*) FILTER (WHERE c.ok) AS checks_passed, count(*) FILTER (WHERE NOT c.ok) AS checks_failed,
         list(c.name ORDER BY c.name) FILTER (WHERE NOT c.ok) AS failed
  FROM run_checks AS c
  JOIN latest USING (dt, run_id)
  GROUP BY c.dt
), rejected AS (
  SELECT dt, count(*) AS rejects, list(DISTINCT reason ORDER BY reason) AS reasons
  FROM rejects
  GROUP BY dt
)
SELECT
  l.dt,
  l.articles,
  coalesce(r.rejects, 0) AS rejects,
  coalesce(r.reasons, []) AS reject_reasons,
  c.checks_passed,
  c.checks_failed,
  coalesce(c.failed, []) AS failed,
  l.loaded_at
FROM loads AS l
LEFT JOIN rejected AS r USING (dt)
LEFT JOIN checks AS c USING (dt)
ORDER BY l.dt;
