-- Benchmark (seed 002, Bijlage 2): the areas of one level below a police area ranked per theme by their rate
-- (1 = best by the measure's polarity, ties share a rank), total score = sum of the ranks, position = dense rank
-- of the total; the parent's rate from the summed counts over the summed population; published ranks beside.
-- Written by hand for the benchmark (bench/CubeBench) and HandWrittenSqlTest: the cube `benchmark` with
-- area=${area} (a police area below Nederland), level=${level} (gemeente, basisteam or district), year=${year}
-- and its other defaults (borders = year, every theme, the best-covered rate per theme) must give the same rows.
-- Figures of municipalities and up come from the yearly aggregate (migration V7).
WITH RECURSIVE below(region_code) AS (
  SELECT region_code FROM dim_region_parent
  WHERE parent_code = ${area} AND hierarchy = 'politie' AND valid_from <= ${year} AND valid_to >= ${year}
  UNION
  SELECT e.region_code FROM dim_region_parent e JOIN below b ON e.parent_code = b.region_code
  WHERE e.hierarchy = 'politie' AND e.valid_from <= ${year} AND e.valid_to >= ${year}),
peers AS (SELECT r.region_code, r.region_name FROM dim_region r JOIN below b ON b.region_code = r.region_code
  WHERE r.region_level = ${level} AND r.valid_from <= ${year} AND r.valid_to >= ${year}),
-- the municipalities of the parent and of every compared area above gemeente, n = how many each has
tree(top, region_code) AS (
  SELECT parent_code, region_code FROM dim_region_parent
  WHERE hierarchy = 'politie' AND valid_from <= ${year} AND valid_to >= ${year} AND (parent_code = ${area} OR parent_code IN (SELECT region_code FROM peers))
  UNION
  SELECT t.top, e.region_code FROM tree t JOIN dim_region_parent e ON e.parent_code = t.region_code
  WHERE e.hierarchy = 'politie' AND e.valid_from <= ${year} AND e.valid_to >= ${year}),
members AS (SELECT t.region_code AS member_code, t.top AS area_code, count(*) OVER (PARTITION BY t.top) AS n
  FROM tree t JOIN dim_region g ON g.region_code = t.region_code WHERE g.region_level = 'gemeente' AND g.valid_from <= ${year} AND g.valid_to >= ${year}),
areas AS (SELECT region_code FROM peers UNION SELECT ${area}),
sources AS (SELECT region_code FROM areas UNION SELECT member_code FROM members),
m AS (SELECT measure_code, count_measure, denominator, polarity, unit FROM dim_measure WHERE denominator IS NOT NULL),
yr AS (SELECT period_code FROM dim_period WHERE period_year = ${year} AND period_kind = 'jaar'),
pub AS (SELECT f.region_code, f.theme_code, f.measure_code, max(f.year_max) AS rate FROM agg_registration_year f
  WHERE f.measure_code IN (SELECT measure_code FROM m) AND f.period_year = ${year} AND f.year_value IS NOT NULL AND f.region_code IN (SELECT region_code FROM areas)
  GROUP BY f.region_code, f.theme_code, f.measure_code),
-- per source table, then the largest: a national series and a municipal table both give a total
cnt0 AS (SELECT f.region_code, f.theme_code, f.measure_code AS count_measure, f.source_table, sum(f.year_value) AS n FROM agg_registration_year f
  WHERE f.measure_code IN (SELECT count_measure FROM m) AND f.period_year = ${year} AND f.year_value IS NOT NULL AND f.region_code IN (SELECT region_code FROM sources)
  GROUP BY f.region_code, f.theme_code, f.measure_code, f.source_table),
cnt AS (SELECT region_code, theme_code, count_measure, max(n) AS n, 1 AS exact FROM cnt0 GROUP BY region_code, theme_code, count_measure),
popr AS (SELECT region_code, measure_code, max(value) AS pop FROM fct_population
  WHERE period_code IN (SELECT period_code FROM yr) AND region_code IN (SELECT region_code FROM sources)
    AND (measure_code <> 'inwoners' OR (extract(month FROM reference_date) = 1 AND extract(day FROM reference_date) = 1))
  GROUP BY region_code, measure_code),
-- an area without its own population: the sum over its municipalities, only when every one has it
pop AS (SELECT region_code, measure_code, pop FROM popr
  UNION ALL
  SELECT ro.region_code, ro.measure_code, ro.pop
  FROM (SELECT mb.area_code AS region_code, p.measure_code, sum(p.pop) AS pop FROM members mb JOIN popr p ON p.region_code = mb.member_code
        GROUP BY mb.area_code, p.measure_code HAVING count(*) = max(mb.n)) ro
  LEFT JOIN popr o ON o.region_code = ro.region_code AND o.measure_code = ro.measure_code WHERE o.region_code IS NULL),
cand AS (SELECT theme_code, measure_code FROM pub WHERE region_code IN (SELECT region_code FROM peers)
  UNION SELECT cnt.theme_code, m.measure_code FROM cnt JOIN m ON m.count_measure = cnt.count_measure WHERE cnt.region_code IN (SELECT region_code FROM peers)),
val0 AS (SELECT r.region_code, r.region_name, cand.theme_code, m.measure_code, m.unit, m.polarity, m.denominator, c.n AS count_value,
    coalesce(p.pop, pd.pop) AS population,
    CASE WHEN c.n IS NOT NULL AND p.pop IS NOT NULL THEN 'berekend' WHEN pub.rate IS NOT NULL THEN 'gepubliceerd'
      WHEN c.n IS NOT NULL AND pd.pop IS NOT NULL THEN 'berekend (afgeleide bevolking)' END AS value_source,
    c.n / coalesce(p.pop, pd.pop) * 1000 AS computed_value, pub.rate AS published_value,
    coalesce(c.n / p.pop * 1000, pub.rate, c.n / coalesce(p.pop, pd.pop) * 1000) AS value,
    coalesce(p.pop, pd.pop) AS population_any, m.count_measure, c.exact AS count_exact
  FROM peers r CROSS JOIN cand JOIN m ON m.measure_code = cand.measure_code
  LEFT JOIN cnt c ON c.region_code = r.region_code AND c.theme_code = cand.theme_code AND c.count_measure = m.count_measure
  LEFT JOIN pop p ON p.region_code = r.region_code AND p.measure_code = m.denominator
  LEFT JOIN pop pd ON pd.region_code = r.region_code AND pd.measure_code = m.denominator || '_afgeleid'
  LEFT JOIN pub ON pub.region_code = r.region_code AND pub.theme_code = cand.theme_code AND pub.measure_code = m.measure_code),
-- per theme the measure that gives a value for the most areas, per 1,000 inhabitants first; only themes covered as widely as the best
cov AS (SELECT theme_code, measure_code, count(value) AS covered, row_number() OVER (PARTITION BY theme_code
    ORDER BY count(value) DESC, CASE WHEN denominator = 'inwoners' THEN 0 ELSE 1 END, measure_code) AS pick
  FROM val0 GROUP BY theme_code, measure_code, denominator),
val AS (SELECT * FROM val0 WHERE (theme_code, measure_code) IN
  (SELECT theme_code, measure_code FROM cov WHERE pick = 1 AND covered > 0 AND covered = (SELECT max(covered) FROM cov))),
par AS (SELECT theme_code, sum(count_value) / sum(population_any) * 1000 AS summed,
    count(count_value) = count(*) AND count(population_any) = count(*) AS complete, count(value) AS with_data,
    string_agg(CASE WHEN value IS NULL THEN region_name END, ', ' ORDER BY CASE WHEN value IS NULL THEN region_name END) AS missing
  FROM val GROUP BY theme_code),
ranked AS (SELECT val.*, dense_rank() OVER (PARTITION BY theme_code ORDER BY CASE WHEN polarity = 'hoger_beter' THEN -value ELSE value END) AS rank
  FROM val WHERE value IS NOT NULL),
scored AS (SELECT ranked.*, CAST(sum(rank) OVER (PARTITION BY region_code) AS BIGINT) AS total_score FROM ranked),
pr AS (SELECT region_code, theme_code, max(value) AS value FROM fct_published_figure WHERE figure_kind = 'rank'
  AND (period_code IS NULL OR period_code IN (SELECT period_code FROM yr)) AND region_code IN (SELECT region_code FROM peers) GROUP BY region_code, theme_code),
prn AS (SELECT region_code, count(*) AS ranks FROM fct_published_figure WHERE figure_kind = 'rank'
  AND (period_code IS NULL OR period_code IN (SELECT period_code FROM yr)) GROUP BY region_code),
pt AS (SELECT f.region_code, max(f.value) AS value, max(coalesce(prn.ranks, 0)) AS ranks FROM fct_published_figure f LEFT JOIN prn ON prn.region_code = f.region_code
  WHERE f.figure_kind = 'total_score' AND (f.period_code IS NULL OR f.period_code IN (SELECT period_code FROM yr))
    AND f.region_code IN (SELECT region_code FROM peers) GROUP BY f.region_code),
answer AS (SELECT s.region_code AS area_code, s.region_name AS area_name, s.theme_code, s.measure_code, s.unit, s.count_value, s.population, s.computed_value,
  s.published_value, s.value, s.value_source,
  s.rank, pr.value AS published_rank, pr.value IS NOT NULL AND pr.value <> s.rank AS rank_differs,
  s.total_score, pt.value AS published_total_score, sum(pr.value) OVER (PARTITION BY s.region_code) AS published_rank_sum,
  pt.value IS NOT NULL AND pt.value <> s.total_score AND count(pr.value) OVER (PARTITION BY s.region_code) = pt.ranks AS total_differs,
  dense_rank() OVER (ORDER BY s.total_score) AS position,
  CASE WHEN pt.value IS NULL THEN NULL ELSE dense_rank() OVER (ORDER BY pt.value) END AS published_position,
  ${area} AS parent_code,
  CASE WHEN par.complete THEN par.summed WHEN ppub.rate IS NOT NULL THEN ppub.rate ELSE pc.n / coalesce(pp.pop, ppd.pop) * 1000 END AS parent_value,
  CASE WHEN par.complete THEN 'berekend' WHEN ppub.rate IS NOT NULL THEN 'gepubliceerd'
    WHEN pc.n / coalesce(pp.pop, ppd.pop) * 1000 IS NOT NULL THEN 'berekend (eigen totaal)' END AS parent_value_source,
  s.count_exact, par.with_data, par.missing
  FROM scored s JOIN par ON par.theme_code = s.theme_code
  LEFT JOIN pub ppub ON ppub.region_code = ${area} AND ppub.theme_code = s.theme_code AND ppub.measure_code = s.measure_code
  LEFT JOIN cnt pc ON pc.region_code = ${area} AND pc.theme_code = s.theme_code AND pc.count_measure = s.count_measure
  LEFT JOIN pop pp ON pp.region_code = ${area} AND pp.measure_code = s.denominator
  LEFT JOIN pop ppd ON ppd.region_code = ${area} AND ppd.measure_code = s.denominator || '_afgeleid'
  LEFT JOIN pr ON pr.region_code = s.region_code AND pr.theme_code = s.theme_code
  LEFT JOIN pt ON pt.region_code = s.region_code)
SELECT area_code, area_name, theme_code, measure_code, unit, round(count_value) AS count_value, round(population) AS population,
  round(computed_value, 2) AS computed_value, round(published_value, 2) AS published_value, round(value, 2) AS value, value_source,
  rank, round(published_rank) AS published_rank, rank_differs, total_score, round(published_total_score) AS published_total_score,
  round(published_rank_sum) AS published_rank_sum, total_differs, position, published_position, parent_code, round(parent_value, 2) AS parent_value,
  parent_value_source, round((value - parent_value) / parent_value * 100, 1) AS deviation_pct, 'politie' AS hierarchy, ${year} AS borders_year,
  coalesce(count_exact, 1) = 1 AS borders_exact, (SELECT count(*) FROM peers) AS areas_expected, with_data AS areas_with_data, 0 AS areas_unplaced,
  with_data = (SELECT count(*) FROM peers) AS coverage_complete,
  CASE WHEN with_data <> (SELECT count(*) FROM peers) THEN 'onvolledig (' || ${level} || ' onder ' || (SELECT region_name FROM dim_region WHERE region_code = ${area})
    || ', politie, ' || ${year} || '): ' || with_data || ' van ' || (SELECT count(*) FROM peers) || ' met gegevens' || coalesce(', zonder: ' || missing, '') END AS coverage_note
FROM answer ORDER BY position, area_name, theme_code;
