-- What did one outlet publish in a date range, and from whom?
-- The source_articles_between(src, d0, d1) macro matches a source id or a publisher name.
SET VARIABLE outlet = 'The Capital Herald';

SELECT
  dt,
  published_at,
  title,
  coalesce(wire_agency, original_source, '(own)') AS from_whom,
  dateline,
  CASE WHEN is_canonical THEN 'first copy' ELSE 'copy' END AS copy_status
FROM source_articles_between(getvariable('outlet'), DATE '2017-10-22', DATE '2017-10-24')
ORDER BY published_at NULLS LAST, title;
