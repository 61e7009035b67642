-- Survey sample: respondents per municipality of an area in one Veiligheidsmonitor round, the extra
-- respondents needed for 300 and their cost at EUR 9.28 each, with a total row (seed 005).
-- Written by hand for the benchmark (bench/CubeBench) and HandWrittenSqlTest: the cube `survey-sample` with
-- area=${area} (a police area), year=${year} and its defaults (threshold=300, price=9.28) must give the same rows.
WITH RECURSIVE below(region_code) AS (
  SELECT region_code FROM dim_region_parent
  WHERE parent_code = ${area} AND hierarchy = 'politie' AND valid_from <= ${year} AND valid_to >= ${year}
  UNION
  SELECT e.region_code FROM dim_region_parent e JOIN below b ON e.parent_code = b.region_code
  WHERE e.hierarchy = 'politie' AND e.valid_from <= ${year} AND e.valid_to >= ${year}),
gm AS (SELECT r.region_code, r.region_name FROM dim_region r JOIN below b ON b.region_code = r.region_code
  WHERE r.region_level = 'gemeente' AND r.valid_from <= ${year} AND r.valid_to >= ${year}),
pub AS (SELECT f.region_code, f.figure_kind, max(f.value) AS value FROM fct_published_figure f JOIN dim_period d ON d.period_code = f.period_code
  WHERE f.figure_kind IN ('cost', 'extra_respondents') AND d.period_year = ${year} GROUP BY f.region_code, f.figure_kind),
total AS (SELECT max(f.value) FILTER (WHERE f.subject LIKE '%: Geschatte kosten') AS cost,
    max(f.value) FILTER (WHERE f.subject LIKE '%: Extra nodig voor 300') AS extra
  FROM fct_published_figure f JOIN dim_period d ON d.period_code = f.period_code
  WHERE f.figure_kind = 'total' AND f.region_code IS NULL AND d.period_year = ${year}),
rows AS (SELECT s.region_code, gm.region_name, s.respondents, greatest(0, 300 - s.respondents) AS extra_needed,
    greatest(0, 300 - s.respondents) * 9.28 AS cost, s.databank_fee, pe.value AS published_extra, pc.value AS published_cost
  FROM fct_survey_response s JOIN gm ON gm.region_code = s.region_code
  LEFT JOIN pub pe ON pe.region_code = s.region_code AND pe.figure_kind = 'extra_respondents'
  LEFT JOIN pub pc ON pc.region_code = s.region_code AND pc.figure_kind = 'cost'
  WHERE s.survey_year = ${year}),
answer AS (SELECT CASE WHEN grouping(region_code) = 1 THEN 'TOTAAL' ELSE region_code END AS area_code,
  CASE WHEN grouping(region_code) = 1 THEN 'Totaal' ELSE max(region_name) END AS area_name,
  sum(respondents) AS respondents, sum(extra_needed) AS extra_needed,
  CASE WHEN grouping(region_code) = 1 THEN (SELECT extra FROM total) ELSE max(published_extra) END AS published_extra,
  9.28 AS price, sum(cost) AS cost, round(sum(cost) / 5) * 5 AS cost_rounded_5,
  CASE WHEN grouping(region_code) = 1 THEN (SELECT cost FROM total) ELSE max(published_cost) END AS published_cost,
  CASE WHEN grouping(region_code) = 1 THEN sum(published_cost) END AS published_rows_sum, sum(databank_fee) AS databank_fee,
  grouping(region_code) AS is_total, max(region_name) AS sort_name
  FROM rows GROUP BY ROLLUP (region_code))
-- euro amounts with cents, as the sources publish them
SELECT area_code, area_name, respondents, extra_needed, round(published_extra) AS published_extra,
  CAST(round(price, 2) AS DECIMAL(18,2)) AS price, CAST(round(cost, 2) AS DECIMAL(18,2)) AS cost, CAST(round(cost_rounded_5, 2) AS DECIMAL(18,2)) AS cost_rounded_5,
  CAST(round(published_cost, 2) AS DECIMAL(18,2)) AS published_cost,
  CASE WHEN published_cost IS NOT NULL THEN published_cost = cost_rounded_5 END AS cost_matches,
  CAST(round(published_rows_sum, 2) AS DECIMAL(18,2)) AS published_rows_sum, CAST(round(databank_fee, 2) AS DECIMAL(18,2)) AS databank_fee
FROM answer ORDER BY is_total, sort_name;
