-- title: Veiligheidsmonitor values with their 95% margins
-- description: Survey estimates per area and year with the margin, the interval (value +/- margin, or the published bounds) and the respondents behind it; small samples (fewer than min_respondents) are flagged, as the VM databank does not show them on their own.
-- param: indicator VARCHAR = null | Indicator (dim_measure.measure_code); null = all
-- param: year INTEGER = null | Survey year; null = all
-- param: level VARCHAR = null | Area level; null = all levels
-- param: min_respondents INTEGER = 300 | Respondents needed for a reliable figure
SELECT s.region_code, g.region_name, g.region_level, p.period_year AS year, s.measure_code, m.measure_label, m.unit,
       s.value, s.margin,
       coalesce(s.lower_bound, s.value - s.margin) AS lower_95,
       coalesce(s.upper_bound, s.value + s.margin) AS upper_95,
       s.respondents,
       s.respondents IS NOT NULL AND s.respondents < $min_respondents AS too_few_respondents
FROM fct_survey s
JOIN dim_period p ON p.period_code = s.period_code
LEFT JOIN dim_region g ON g.region_code = s.region_code
LEFT JOIN dim_measure m ON m.measure_code = s.measure_code
WHERE ($indicator IS NULL OR s.measure_code = $indicator)
  AND ($year IS NULL OR p.period_year = $year)
  AND ($level IS NULL OR g.region_level = $level)
ORDER BY s.measure_code, year, g.region_level, g.region_name
