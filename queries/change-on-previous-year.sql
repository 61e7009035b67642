-- title: Change on the previous year per area and theme
-- description: Yearly value of a registration measure per area and theme with the absolute and % change on the previous year (the seeds report e.g. Twente crimes 2013-2014: -13%). Years without a previous value show NULL change.
-- param: from INTEGER = 2010 | First year shown
-- param: to INTEGER = 2030 | Last year shown
-- param: measure VARCHAR = geregistreerde_misdrijven | Measure (dim_measure.measure_code)
-- param: area VARCHAR = null | Area code (GM0153, PD..); null = all areas
-- param: theme VARCHAR = null | Theme code; null = all themes
WITH yearly AS (
    SELECT r.region_code, r.theme_code, p.period_year AS year, sum(r.value) AS value
    FROM fct_registration r
    JOIN dim_period p ON p.period_code = r.period_code AND p.period_kind = 'jaar'
    WHERE r.measure_code = $measure
      AND ($area IS NULL OR r.region_code = $area)
      AND ($theme IS NULL OR r.theme_code = $theme)
    GROUP BY r.region_code, r.theme_code, p.period_year
), changes AS (
    SELECT *,
           lag(value) OVER (PARTITION BY region_code, theme_code ORDER BY year) AS previous_value,
           lag(year) OVER (PARTITION BY region_code, theme_code ORDER BY year) AS previous_year
    FROM yearly
)
SELECT c.region_code, g.region_name, c.theme_code, c.year, c.value,
       CASE WHEN c.previous_year = c.year - 1 THEN c.previous_value END AS previous_value,
       CASE WHEN c.previous_year = c.year - 1 THEN c.value - c.previous_value END AS change,
       CASE WHEN c.previous_year = c.year - 1 AND c.previous_value <> 0
            THEN round((c.value - c.previous_value) / c.previous_value * 100, 1) END AS change_pct
FROM changes c
LEFT JOIN dim_region g ON g.region_code = c.region_code
WHERE c.year BETWEEN $from AND $to
ORDER BY g.region_name, c.theme_code, c.year
