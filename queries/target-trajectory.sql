-- title: Policy targets: trajectory against actual values
-- description: For each target, the planned value per year (base x (1 + yearly change)^(year - base year)) up to the horizon, the actual registered value, the gap and whether the year is on track (actual at or below plan for a reduction target).
-- param: target VARCHAR = null | Target code; null = all targets
WITH years AS (
    SELECT t.*, y.year
    FROM fct_policy_target t, LATERAL (SELECT unnest(generate_series(t.base_year, t.horizon_year)) AS year) y
    WHERE $target IS NULL OR t.target_code = $target
), actual AS (
    SELECT r.region_code, r.theme_code, r.measure_code, p.period_year AS year, sum(r.value) AS value
    FROM fct_registration r JOIN dim_period p ON p.period_code = r.period_code AND p.period_kind = 'jaar'
    GROUP BY r.region_code, r.theme_code, r.measure_code, p.period_year
)
SELECT y.target_code, y.region_code, y.theme_code, y.measure_code, y.year,
       round(y.base_value * power(1 + y.yearly_change, y.year - y.base_year), 1) AS planned,
       a.value AS actual,
       round(a.value - y.base_value * power(1 + y.yearly_change, y.year - y.base_year), 1) AS gap,
       CASE WHEN a.value IS NULL THEN NULL
            WHEN y.yearly_change <= 0 THEN a.value <= y.base_value * power(1 + y.yearly_change, y.year - y.base_year)
            ELSE a.value >= y.base_value * power(1 + y.yearly_change, y.year - y.base_year) END AS on_track,
       y.description
FROM years y
LEFT JOIN actual a ON a.region_code = y.region_code AND a.theme_code = y.theme_code
                  AND a.measure_code = y.measure_code AND a.year = y.year
ORDER BY y.target_code, y.year
