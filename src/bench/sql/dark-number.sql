-- The dark number per survey crime kind of one area and year: survey incidents E = rate / 100 x population,
-- the % reported, the implied reported incidents, the registered crimes R of the themes the kind maps onto
-- (source 47025NED), their ratio and the unrecorded estimate E - R (Wegwijzer, seed 004).
-- Written by hand for the benchmark (bench/CubeBench) and HandWrittenSqlTest: the cube `dark-number` with
-- area=${area}, year=${year} and its defaults must give the same rows.
WITH RECURSIVE cand(measure_code, pick) AS (VALUES ('inwoners_15_plus', 1), ('inwoners', 2), ('inwoners_gemiddeld', 3)),
-- population figures of the year; dated: 1 = on 1 January, 2 = another reference date, 0 = none
fp AS (SELECT f.region_code, f.measure_code, f.value, f.source_table,
    CASE WHEN f.reference_date = make_date(${year}, 1, 1) THEN 1 WHEN f.reference_date IS NOT NULL THEN 2 ELSE 0 END AS dated
  FROM fct_population f JOIN dim_period p ON p.period_code = f.period_code
  WHERE p.period_year = ${year} AND f.measure_code IN (SELECT measure_code FROM cand)),
below(region_code) AS (
  SELECT region_code FROM dim_region_parent
  WHERE parent_code = ${area} AND hierarchy = 'bestuurlijk' AND valid_from <= ${year} AND valid_to >= ${year}
  UNION
  SELECT e.region_code FROM dim_region_parent e JOIN below b ON e.parent_code = b.region_code
  WHERE e.hierarchy = 'bestuurlijk' AND e.valid_from <= ${year} AND e.valid_to >= ${year}),
provinces AS (SELECT r.region_code FROM dim_region r JOIN below b ON b.region_code = r.region_code
  WHERE r.region_level = 'provincie' AND r.valid_from <= ${year} AND r.valid_to >= ${year}),
per_province AS (SELECT region_code, measure_code, max(value) AS value, max(source_table) AS source_table, max(dated) AS dated
  FROM fp WHERE region_code IN (SELECT region_code FROM provinces) GROUP BY region_code, measure_code),
-- the area's own figure (its largest), else the sum over all its provinces when every one has it; the first measure that has either
options AS (SELECT c.pick * 2 AS rank, o.measure_code, o.value,
    'eigen cijfer (' || o.source_table || CASE o.dated WHEN 1 THEN ', 1-1-' || ${year} WHEN 2 THEN ', een andere peildatum in ' || ${year} ELSE '' END || ')' AS basis
  FROM (SELECT measure_code, max(value) AS value, arg_max(source_table, value) AS source_table, arg_max(dated, value) AS dated
        FROM fp WHERE region_code = ${area} GROUP BY measure_code) o JOIN cand c ON c.measure_code = o.measure_code
  UNION ALL
  SELECT c.pick * 2 + 1, s.measure_code, s.value, 'som van de ' || s.n || ' provincies (' || s.sources || ')'
  FROM (SELECT measure_code, sum(value) AS value, count(*) AS n,
          string_agg(DISTINCT source_table || CASE dated WHEN 1 THEN ', 1-1-' || ${year} WHEN 2 THEN ', een andere peildatum in ' || ${year} ELSE '' END, ', '
            ORDER BY source_table || CASE dated WHEN 1 THEN ', 1-1-' || ${year} WHEN 2 THEN ', een andere peildatum in ' || ${year} ELSE '' END) AS sources
        FROM per_province GROUP BY measure_code HAVING count(*) = (SELECT count(*) FROM provinces)) s JOIN cand c ON c.measure_code = s.measure_code),
pop AS (SELECT coalesce(max(value) FILTER (WHERE rank = (SELECT min(rank) FROM options)), NULL) AS value,
    coalesce(max(measure_code) FILTER (WHERE rank = (SELECT min(rank) FROM options)), 'inwoners') AS measure,
    coalesce(max(basis) FILTER (WHERE rank = (SELECT min(rank) FROM options)),
      'geen bevolking van ' || (SELECT region_name FROM dim_region WHERE region_code = ${area}) || ' in ' || ${year} || ' geladen') AS basis
  FROM options),
sy AS (SELECT x.measure_code, max(x.theme_code) AS theme_code, max(x.value) AS value, max(x.margin) AS margin FROM fct_survey x
  JOIN dim_period d ON d.period_code = x.period_code WHERE x.region_code = ${area} AND d.period_year = ${year} GROUP BY x.measure_code),
rd AS (SELECT x.measure_code, max(x.theme_code) AS theme_code, max(x.reading) AS reading, max(x.source_label) AS label FROM fct_survey_reading x
  JOIN dim_period d ON d.period_code = x.period_code WHERE x.region_code = ${area} AND d.period_year = ${year} GROUP BY x.measure_code),
reg AS (SELECT ms.measure_code, sum(a.year_value) AS registered FROM map_survey_registration ms JOIN agg_registration_year a ON a.theme_code = ms.theme_code
  WHERE a.region_code = ${area} AND a.period_year = ${year} AND a.year_value IS NOT NULL AND a.measure_code = 'geregistreerde_misdrijven'
    AND a.source_table = '47025NED' GROUP BY ms.measure_code),
regt AS (SELECT measure_code, string_agg(theme_code, ', ' ORDER BY theme_code) AS themes FROM map_survey_registration GROUP BY measure_code),
b AS (SELECT k.measure_code, coalesce(rd.label, m.measure_label) AS survey_kind, coalesce(sv.theme_code, rd.theme_code) AS theme_code,
    sv.value AS rate, sv.margin, rd.reading AS rate_reading, sa.value AS pct, ra.reading AS pct_reading, pop.value AS population,
    pop.measure AS population_measure, pop.basis AS population_basis, reg.registered, regt.themes, df.definition_match, df.note AS definition_note
  FROM (SELECT measure_code FROM sy UNION SELECT measure_code FROM rd) k
  JOIN dim_measure m ON m.measure_code = k.measure_code AND m.unit = 'per 100 inwoners'
  CROSS JOIN pop
  LEFT JOIN sy sv ON sv.measure_code = k.measure_code
  LEFT JOIN rd ON rd.measure_code = k.measure_code
  LEFT JOIN dim_measure am ON am.count_measure = k.measure_code AND am.unit = 'procent'
  LEFT JOIN sy sa ON sa.measure_code = am.measure_code
  LEFT JOIN rd ra ON ra.measure_code = am.measure_code
  LEFT JOIN reg ON reg.measure_code = k.measure_code
  LEFT JOIN regt ON regt.measure_code = k.measure_code
  LEFT JOIN map_survey_definition df ON df.measure_code = k.measure_code)
SELECT measure_code, survey_kind, theme_code, round(rate, 2) AS survey_rate, round(margin, 2) AS survey_margin, rate_reading,
  round(pct, 2) AS reported_pct, pct_reading AS reported_reading, round(population) AS population, population_measure, population_basis,
  round(rate / 100 * population) AS estimated, round((rate - margin) / 100 * population) AS estimated_low,
  round((rate + margin) / 100 * population) AS estimated_high, round(rate / 100 * population * pct / 100) AS implied_reported,
  round(registered) AS registered, themes AS registered_themes, '47025NED' AS registered_source, definition_match, definition_note,
  round(registered / (rate / 100 * population * pct / 100), 2) AS ratio_registered_reported,
  round(registered / (rate / 100 * population) * 100, 1) AS recorded_pct,
  round(rate / 100 * population - registered) AS unrecorded, round((rate - margin) / 100 * population - registered) AS unrecorded_low,
  round((rate + margin) / 100 * population - registered) AS unrecorded_high
FROM b ORDER BY theme_code, measure_code;
