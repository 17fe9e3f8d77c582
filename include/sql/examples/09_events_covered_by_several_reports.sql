-- Which events were covered by several different wire reports?
-- Stories that group more than one copy cluster: different wires (or rewrites) about the same event.
SELECT
  story_id,
  reports,
  articles,
  agencies,
  titles,
  first_published_at
FROM stories
WHERE reports > 1
ORDER BY reports DESC, articles DESC, story_id;
