-- title: Inhabitants and dwellings per area and year
-- description: The denominators of every rate: inhabitants and dwellings per area and year, with the reference date and source table, so a rate can be checked by hand.
-- param: level VARCHAR = gemeente | Area level
-- param: year INTEGER = null | Year; null = all
SELECT f.region_code, g.region_name, p.period_year AS year,
       max(CASE WHEN f.measure_code = 'inwoners' THEN f.value END) AS inhabitants,
       max(CASE WHEN f.measure_code = 'woningen' THEN f.value END) AS dwellings,
       max(f.reference_date) AS reference_date,
       string_agg(DISTINCT f.source_table, ', ') AS source_tables
FROM fct_population f
JOIN dim_period p ON p.period_code = f.period_code
JOIN dim_region g ON g.region_code = f.region_code
WHERE g.region_level = $level AND ($year IS NULL OR p.period_year = $year)
GROUP BY f.region_code, g.region_name, p.period_year
ORDER BY year, g.region_name
