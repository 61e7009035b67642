-- Significance: a survey indicator per basisteam of an area against the area itself, significantly different
-- when |a - b| > sqrt(ma^2 + mb^2) with the 95% margins; better or worse by the measure's polarity.
-- Written by hand for the benchmark (bench/CubeBench) and HandWrittenSqlTest: the cube `significance` with
-- area=${area}, year=${year} and its defaults (level=basisteam, indicator=vm_politie_samenwerking_bewoners,
-- reference=parent, threshold=300) must give the same rows.
WITH RECURSIVE below(region_code) AS (
  SELECT region_code FROM dim_region_parent
  WHERE parent_code = ${area} AND hierarchy = 'politie' AND valid_from <= ${year} AND valid_to >= ${year}
  UNION
  SELECT e.region_code FROM dim_region_parent e JOIN below b ON e.parent_code = b.region_code
  WHERE e.hierarchy = 'politie' AND e.valid_from <= ${year} AND e.valid_to >= ${year}),
peers AS (SELECT r.region_code FROM dim_region r JOIN below b ON b.region_code = r.region_code
  WHERE r.region_level = 'basisteam' AND r.valid_from <= ${year} AND r.valid_to >= ${year}),
sv AS (SELECT f.region_code, p.period_year, max(f.value) AS value, max(f.margin) AS margin, coalesce(max(f.respondents), max(rsp.n)) AS respondents
  FROM fct_survey f JOIN dim_period p ON p.period_code = f.period_code
  LEFT JOIN (SELECT region_code, survey_year, max(respondents) AS n FROM fct_survey_response GROUP BY region_code, survey_year) rsp
    ON rsp.region_code = f.region_code AND rsp.survey_year = p.period_year
  WHERE f.measure_code = 'vm_politie_samenwerking_bewoners' AND p.period_kind = 'jaar'
    AND (f.region_code = ${area} OR f.region_code IN (SELECT region_code FROM peers))
  GROUP BY f.region_code, p.period_year),
ref AS (SELECT r.region_name AS label, sv.period_year, sv.value, sv.margin FROM sv JOIN dim_region r ON r.region_code = sv.region_code
  WHERE sv.region_code = ${area} AND sv.period_year = ${year}),
cmp AS (SELECT cur.region_code, r.region_name, cur.period_year, cur.value, cur.margin, cur.respondents, ref.label, ref.period_year AS reference_year,
    ref.value AS reference_value, ref.margin AS reference_margin, cur.value - ref.value AS difference,
    sqrt(cur.margin * cur.margin + ref.margin * ref.margin) AS combined_margin, m.polarity
  FROM sv cur JOIN dim_region r ON r.region_code = cur.region_code
  JOIN dim_measure m ON m.measure_code = 'vm_politie_samenwerking_bewoners'
  LEFT JOIN ref ON true
  WHERE cur.region_code IN (SELECT region_code FROM peers) AND cur.period_year = ${year})
-- values in the indicator's unit with one decimal, as the Veiligheidsmonitor publishes them
SELECT region_code AS area_code, region_name AS area_name, period_year, round(value, 1) AS value, round(margin, 1) AS margin, respondents,
  label AS reference, reference_year, round(reference_value, 1) AS reference_value, round(reference_margin, 1) AS reference_margin,
  round(difference, 1) AS difference, round(combined_margin, 1) AS combined_margin,
  CASE WHEN respondents < 300 THEN 'niet vergeleken' WHEN reference_value IS NULL OR margin IS NULL OR reference_margin IS NULL THEN 'niet vergeleken'
    WHEN abs(difference) <= combined_margin THEN 'niet verschillend'
    WHEN polarity = 'hoger_beter' THEN CASE WHEN difference > 0 THEN 'beter' ELSE 'slechter' END
    WHEN polarity = 'hoger_slechter' THEN CASE WHEN difference > 0 THEN 'slechter' ELSE 'beter' END
    ELSE CASE WHEN difference > 0 THEN 'hoger' ELSE 'lager' END END AS result
FROM cmp ORDER BY region_name;
