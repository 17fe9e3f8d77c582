-- How many articles did each outlet publish per day in a date range?
-- One row per outlet, one column per day (a pivot), from the articles_between(d0, d1) macro.
SET VARIABLE d0 = DATE '2017-10-22';
SET VARIABLE d1 = DATE '2017-10-24';

PIVOT (
  SELECT strftime(dt, '%Y-%m-%d') AS day, coalesce(publisher, source_id) AS outlet
  FROM articles_between(getvariable('d0'), getvariable('d1'))
)
ON day
USING count(*)
GROUP BY outlet
ORDER BY outlet;
