-- Which outlet runs wire stories first?
-- For every wire story carried by more than one outlet: who had it first; then, per outlet, how
-- often it was first and its stories.
SELECT
  first_publisher AS outlet,
  count(*) AS stories_first,
  sum(copies) AS copies_that_followed,
  list(title ORDER BY first_published_at) AS stories
FROM wire_stories
WHERE outlets > 1 AND first_publisher IS NOT NULL
GROUP BY first_publisher
ORDER BY stories_first DESC, outlet;
