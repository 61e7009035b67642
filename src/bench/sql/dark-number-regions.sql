-- Dark number per police region: victims (% of inhabitants, Veiligheidsmonitor) in a first and a last year beside
-- the registered crimes per 1,000 inhabitants of the themes the survey kind maps onto, Nederland first.
-- Written by hand for the benchmark (bench/CubeBench) and HandWrittenSqlTest: the cube `dark-number-regions`
-- with from=${from}, to=${to} and its defaults (level=politieregio, source=80344NED) must give the same rows.
-- Registered rates of regions come from the yearly aggregate (migration V7).
WITH sv AS (SELECT s.region_code, s.measure_code, max(CASE WHEN d.period_year = ${from} THEN s.value END) AS v_from,
    max(CASE WHEN d.period_year = ${to} THEN s.value END) AS v_to
  FROM fct_survey s JOIN dim_period d ON d.period_code = s.period_code JOIN dim_region x ON x.region_code = s.region_code
  WHERE (x.region_level = 'politieregio' OR x.region_code = 'NL01') AND d.period_year IN (${from}, ${to})
    AND s.measure_code IN (SELECT measure_code FROM map_survey_registration)
  GROUP BY s.region_code, s.measure_code),
rg AS (SELECT a.region_code, ms.measure_code, sum(CASE WHEN a.period_year = ${from} THEN a.year_value END) AS r_from,
    sum(CASE WHEN a.period_year = ${to} THEN a.year_value END) AS r_to
  FROM map_survey_registration ms JOIN agg_registration_year a ON a.theme_code = ms.theme_code
  WHERE a.source_table = '80344NED' AND a.measure_code = 'misdrijven_per_1000_inw' AND a.year_value IS NOT NULL AND a.period_year IN (${from}, ${to})
  GROUP BY a.region_code, ms.measure_code),
regt AS (SELECT measure_code, string_agg(theme_code, ', ' ORDER BY theme_code) AS themes FROM map_survey_registration GROUP BY measure_code)
SELECT sv.region_code AS area_code, r.region_name AS area_name, r.region_level AS area_level, sv.measure_code, regt.themes AS registered_themes, df.definition_match,
  round(sv.v_from, 1) AS victims_pct_from, round(sv.v_to, 1) AS victims_pct_to, round(sv.v_to - sv.v_from, 1) AS victims_change_pp,
  round(rg.r_from, 2) AS registered_per_1000_from, round(rg.r_to, 2) AS registered_per_1000_to, round((rg.r_to - rg.r_from) / rg.r_from * 100, 1) AS registered_change_pct,
  round(rg.r_from / sv.v_from, 2) AS registered_per_victim_pct_from, round(rg.r_to / sv.v_to, 2) AS registered_per_victim_pct_to
FROM sv JOIN dim_region r ON r.region_code = sv.region_code
LEFT JOIN rg ON rg.region_code = sv.region_code AND rg.measure_code = sv.measure_code
LEFT JOIN regt ON regt.measure_code = sv.measure_code
LEFT JOIN map_survey_definition df ON df.measure_code = sv.measure_code
WHERE sv.v_from IS NOT NULL AND sv.v_to IS NOT NULL
ORDER BY sv.measure_code, CASE WHEN sv.region_code = 'NL01' THEN 0 ELSE 1 END, r.region_name;
