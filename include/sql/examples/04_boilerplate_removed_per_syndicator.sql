-- What boilerplate did cleaning remove, per syndicator (or outlet, where no syndicator is known)?
-- Kind of removal, how often, on how many articles, and the shortest example of the exact text cut.
SELECT
  coalesce(syndicator, publisher, source_id) AS syndicator_or_outlet,
  kind,
  count(*) AS removals,
  count(DISTINCT article_id) AS articles,
  any_value(text ORDER BY length(text), text) AS shortest_example
FROM removed_boilerplate
GROUP BY ALL
ORDER BY syndicator_or_outlet, removals DESC, kind;
