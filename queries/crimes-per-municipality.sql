-- title: Registered crimes per area and year, per 1,000 inhabitants
-- description: Counts of a police registration measure per area (default: municipalities), theme and year, with the rate per 1,000 inhabitants recomputed from fct_population (inwoners, same year). Rates of groups must be summed counts over summed population, so use this, not an average of rates.
-- param: year INTEGER = null | Year; null = all years
-- param: theme VARCHAR = null | Theme code (dim_theme); null = all themes
-- param: measure VARCHAR = geregistreerde_misdrijven | Count measure (dim_measure.measure_code)
-- param: level VARCHAR = gemeente | Area level (dim_region.region_level)
WITH counts AS (
    SELECT r.region_code, p.period_year AS year, r.theme_code, sum(r.value) AS registered
    FROM fct_registration r
    JOIN dim_period p ON p.period_code = r.period_code AND p.period_kind = 'jaar'
    WHERE r.measure_code = $measure
      AND ($year IS NULL OR p.period_year = $year)
      AND ($theme IS NULL OR r.theme_code = $theme)
    GROUP BY r.region_code, p.period_year, r.theme_code
), pop AS (
    SELECT f.region_code, p.period_year AS year, max(f.value) AS inhabitants
    FROM fct_population f
    JOIN dim_period p ON p.period_code = f.period_code
    WHERE f.measure_code = 'inwoners'
    GROUP BY f.region_code, p.period_year
)
SELECT c.region_code, g.region_name, c.year, c.theme_code, t.theme_name, c.registered, pop.inhabitants,
       round(c.registered / nullif(pop.inhabitants, 0) * 1000, 2) AS per_1000_inhabitants
FROM counts c
JOIN dim_region g ON g.region_code = c.region_code AND g.region_level = $level
LEFT JOIN dim_theme t ON t.theme_code = c.theme_code
LEFT JOIN pop ON pop.region_code = c.region_code AND pop.year = c.year
ORDER BY c.year, g.region_name, c.theme_code
