-- Target trajectory of one area for one theme: the target grows by its yearly change from its base year and
-- value; each year's registered value (the largest yearly figure) beside it, the gap and whether it is on track.
-- Written by hand for the benchmark (bench/CubeBench) and HandWrittenSqlTest: the cube `target` with
-- area=${area}, theme=woninginbraak (its default), from=${from}, to=${to} must give the same rows.
-- Yearly figures of municipalities and up come from the yearly aggregate (migration V7).
WITH act AS (SELECT measure_code, period_year, max(year_max) AS value FROM agg_registration_year
  WHERE year_max IS NOT NULL AND region_code = ${area} AND theme_code = 'woninginbraak' GROUP BY measure_code, period_year),
pt AS (SELECT f.region_code, f.theme_code, p.period_year, max(f.value) AS value FROM fct_published_figure f
  JOIN dim_period p ON p.period_code = f.period_code
  WHERE f.figure_kind IN ('target_value', 'target') GROUP BY f.region_code, f.theme_code, p.period_year)
SELECT t.target_code, t.region_code AS area_code, t.theme_code, t.measure_code, g.y AS period_year, t.base_year,
  round(t.base_value) AS base_value, round(t.yearly_change, 4) AS yearly_change, round(tv.v) AS target_value, round(pt.value) AS published_target,
  CASE WHEN pt.value IS NOT NULL THEN round(tv.v) = pt.value END AS published_reproduced,
  round(pt.value / tv.growth) AS implied_base_value, round(act.value) AS actual, round(act.value - tv.v) AS gap,
  round((act.value - tv.v) / tv.v * 100, 1) AS gap_pct,
  CASE WHEN act.value IS NULL THEN NULL WHEN m.polarity = 'hoger_beter' THEN act.value >= tv.v ELSE act.value <= tv.v END AS on_track
FROM fct_policy_target t CROSS JOIN generate_series(${from}, ${to}) g(y)
-- the trajectory: the base value grown by the yearly change
CROSS JOIN LATERAL (SELECT power(1 + t.yearly_change, g.y - t.base_year) AS growth, t.base_value * power(1 + t.yearly_change, g.y - t.base_year) AS v) tv
LEFT JOIN dim_measure m ON m.measure_code = t.measure_code
LEFT JOIN act ON act.measure_code = t.measure_code AND act.period_year = g.y
LEFT JOIN pt ON pt.region_code = t.region_code AND pt.theme_code = t.theme_code AND pt.period_year = g.y
WHERE t.region_code = ${area} AND t.theme_code = 'woninginbraak'
ORDER BY t.target_code, g.y;
