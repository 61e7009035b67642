-- Trend of the whole country: registered crimes (misdrijven_totaal, geregistreerde_misdrijven) of the municipalities
-- of ${area} (the land) rolled up along the bestuurlijk hierarchy (gemeente > provincie > landsdeel > land), per year
-- from ${from} to ${to}: change, index (${from} = 100), average yearly change, population and rate, all on the borders
-- of ${to} (a municipality formed later carries the facts of its predecessors, an opsplitsing by the share of the
-- inhabitants that moved). The district twin (trend.sql) walks the police hierarchy; below the land the cube takes
-- the bestuurlijk one, so the national question needs its own SQL.
-- Written by hand for the benchmark (bench/CubeBench) and HandWrittenSqlTest: the cube `trend` with area=${area}
-- (a land), level=gemeente, from=${from}, to=${to} and its other defaults must give the same rows.
-- Municipal figures come from the yearly aggregate (migration V7).
WITH RECURSIVE
-- each municipality valid in ${to} with its provincie, landsdeel and the land, on the borders of ${to}
leaves AS (SELECT g.region_code AS a0, p.region_code AS a1, l.region_code AS a2, ${area} AS a3
  FROM dim_region_parent l
  JOIN dim_region_parent p ON p.parent_code = l.region_code AND p.hierarchy = 'bestuurlijk' AND p.valid_from <= ${to} AND p.valid_to >= ${to}
  JOIN dim_region_parent g ON g.parent_code = p.region_code AND g.hierarchy = 'bestuurlijk' AND g.valid_from <= ${to} AND g.valid_to >= ${to}
  JOIN dim_region r ON r.region_code = g.region_code
  WHERE l.parent_code = ${area} AND l.hierarchy = 'bestuurlijk' AND l.valid_from <= ${to} AND l.valid_to >= ${to}
    AND r.region_level = 'gemeente' AND r.valid_from <= ${to} AND r.valid_to >= ${to}),
-- successor links up to the borders year; of each area the links of its last reorganisation
links AS (SELECT region_code, successor_code, change_kind, inwoners_moved,
    from_year = max(from_year) OVER (PARTITION BY region_code) AS last FROM dim_region_successor WHERE from_year <= ${to}),
step AS (SELECT region_code, successor_code,
    CASE WHEN NOT split THEN 1.0 WHEN weighted AND total > 0 THEN inwoners_moved / total ELSE 1.0 / n END AS share, NOT split AS exact
  FROM (SELECT l.*, count(*) OVER w AS n, bool_or(change_kind = 'opsplitsing') OVER w AND count(*) OVER w > 1 AS split,
      bool_and(inwoners_moved IS NOT NULL) OVER w AS weighted, sum(inwoners_moved) OVER w AS total
    FROM links l WHERE last WINDOW w AS (PARTITION BY region_code)) s),
walk(origin, code, share, exact, depth) AS (SELECT region_code, successor_code, share, exact, 1 FROM step
  UNION ALL SELECT w.origin, s.successor_code, w.share * s.share, w.exact AND s.exact, w.depth + 1 FROM walk w JOIN step s ON s.region_code = w.code
  WHERE w.depth <= 20),
carry AS (SELECT origin AS region_code, code AS area_code, sum(share) AS share, min(CASE WHEN exact THEN 1 ELSE 0 END) AS exact FROM walk
  WHERE code NOT IN (SELECT region_code FROM step) AND code <> origin AND code IN (SELECT a0 FROM leaves) GROUP BY origin, code),
f0 AS (SELECT region_code, theme_code, period_year, coalesce(sum(year_value), sum(month_value)) AS value FROM agg_registration_year
  WHERE measure_code = 'geregistreerde_misdrijven' AND theme_code = 'misdrijven_totaal' AND period_year BETWEEN ${from} AND ${to}
  GROUP BY region_code, theme_code, period_year),
p0 AS (SELECT g.region_code, p.period_year, max(g.value) AS value FROM fct_population g JOIN dim_period p ON p.period_code = g.period_code
  WHERE g.measure_code = 'inwoners' AND p.period_kind = 'jaar' AND p.period_year BETWEEN ${from} AND ${to}
    AND extract(month FROM g.reference_date) = 1 AND extract(day FROM g.reference_date) = 1 GROUP BY g.region_code, p.period_year),
f AS (SELECT coalesce(c.area_code, x.region_code) AS region_code, x.period_year, x.theme_code, sum(x.value * coalesce(c.share, 1.0)) AS value,
    min(coalesce(c.exact, 1)) AS exact
  FROM f0 x LEFT JOIN carry c ON c.region_code = x.region_code GROUP BY coalesce(c.area_code, x.region_code), x.period_year, x.theme_code),
pp AS (SELECT coalesce(c.area_code, x.region_code) AS region_code, x.period_year, sum(x.value * coalesce(c.share, 1.0)) AS value
  FROM p0 x LEFT JOIN carry c ON c.region_code = x.region_code GROUP BY coalesce(c.area_code, x.region_code), x.period_year),
rolled AS (SELECT CASE WHEN grouping(l.a0) = 0 THEN 'gemeente' WHEN grouping(l.a1) = 0 THEN 'provincie' WHEN grouping(l.a2) = 0 THEN 'landsdeel' ELSE 'land' END AS area_level,
    CASE WHEN grouping(l.a0) = 0 THEN l.a0 WHEN grouping(l.a1) = 0 THEN l.a1 WHEN grouping(l.a2) = 0 THEN l.a2 ELSE l.a3 END AS area_code,
    f.theme_code, f.period_year, sum(f.value) AS value, count(*) AS leaf_areas, min(f.exact) AS exact,
    sum(pp.value) AS population, count(pp.value) AS population_areas
  FROM f JOIN leaves l ON l.a0 = f.region_code LEFT JOIN pp ON pp.region_code = f.region_code AND pp.period_year = f.period_year
  GROUP BY GROUPING SETS ((f.theme_code, f.period_year, l.a3, l.a2, l.a1, l.a0), (f.theme_code, f.period_year, l.a3, l.a2, l.a1),
    (f.theme_code, f.period_year, l.a3, l.a2), (f.theme_code, f.period_year, l.a3))),
expected AS (SELECT CASE WHEN grouping(a0) = 0 THEN a0 WHEN grouping(a1) = 0 THEN a1 WHEN grouping(a2) = 0 THEN a2 ELSE a3 END AS area_code, count(*) AS n
  FROM leaves GROUP BY GROUPING SETS ((a3, a2, a1, a0), (a3, a2, a1), (a3, a2), (a3))),
pv AS (SELECT region_code, theme_code, period_year, max(year_max) AS value FROM agg_registration_year
  WHERE measure_code = 'geregistreerde_misdrijven' AND theme_code = 'misdrijven_totaal' AND year_max IS NOT NULL GROUP BY region_code, theme_code, period_year),
pc AS (SELECT g.region_code, g.theme_code, p.period_year, max(g.value) AS value FROM fct_published_figure g JOIN dim_period p ON p.period_code = g.period_code
  WHERE g.figure_kind = 'change_pct' AND g.measure_code = 'geregistreerde_misdrijven' GROUP BY g.region_code, g.theme_code, p.period_year),
answer AS (SELECT r.area_level, r.area_code, d.region_name AS area_name, r.theme_code, r.period_year, r.value, r.leaf_areas,
  CASE WHEN r.area_level <> 'gemeente' THEN pv.value END AS published_value,
  CASE WHEN lag(r.period_year) OVER w = r.period_year - 1 THEN r.value - lag(r.value) OVER w END AS change,
  CASE WHEN lag(r.period_year) OVER w = r.period_year - 1 THEN (r.value - lag(r.value) OVER w) / lag(r.value) OVER w * 100 END AS change_pct,
  pc.value AS published_change_pct,
  r.value / max(CASE WHEN r.period_year = ${from} THEN r.value END) OVER whole * 100 AS index_value,
  CASE WHEN max(r.period_year) OVER whole - min(r.period_year) OVER whole > 0
    THEN (power(last_value(r.value) OVER everything / first_value(r.value) OVER everything, 1.0 / (max(r.period_year) OVER whole - min(r.period_year) OVER whole)) - 1) * 100
  END AS avg_yearly_change_pct,
  e.n AS areas_expected, r.population, r.population_areas, CASE WHEN r.population_areas = r.leaf_areas THEN r.value / r.population * 1000 END AS rate_per_1000,
  r.exact, CASE r.area_level WHEN 'land' THEN 0 WHEN 'landsdeel' THEN 1 WHEN 'provincie' THEN 2 WHEN 'gemeente' THEN 3 ELSE 99 END AS level_order
  FROM rolled r JOIN dim_region d ON d.region_code = r.area_code JOIN expected e ON e.area_code = r.area_code
  LEFT JOIN pv ON pv.region_code = r.area_code AND pv.theme_code = r.theme_code AND pv.period_year = r.period_year
  LEFT JOIN pc ON pc.region_code = r.area_code AND pc.theme_code = r.theme_code AND pc.period_year = r.period_year
  WINDOW w AS (PARTITION BY r.area_code, r.theme_code ORDER BY r.period_year), whole AS (PARTITION BY r.area_code, r.theme_code),
    everything AS (PARTITION BY r.area_code, r.theme_code ORDER BY r.period_year ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
SELECT area_level, area_code, area_name, theme_code, period_year, round(value) AS value, leaf_areas, round(published_value) AS published_value,
  coalesce(published_value <> value, false) AS differs_from_published, round(change) AS change, round(change_pct, 1) AS change_pct,
  round(published_change_pct, 1) AS published_change_pct, published_change_pct IS NOT NULL AND round(change_pct) <> published_change_pct AS change_pct_differs,
  round(index_value, 1) AS index_value, round(avg_yearly_change_pct, 1) AS avg_yearly_change_pct, areas_expected, leaf_areas = areas_expected AS coverage_complete,
  CASE WHEN leaf_areas <> areas_expected THEN 'onvolledig: ' || leaf_areas || ' van ' || areas_expected || ' gemeente met gegevens in ' || period_year END AS coverage_note,
  round(population) AS population, population_areas, round(rate_per_1000, 2) AS rate_per_1000, 'bestuurlijk' AS hierarchy, ${to} AS borders_year, exact = 1 AS borders_exact
FROM answer ORDER BY theme_code, level_order, area_name, period_year;
