-- title: Published figures against recomputed ones
-- description: Reconciles figures a source states about itself (totals, parent values) with what the warehouse recomputes: the same area's registered value, and the sum over its child areas in the police hierarchy valid that year. Mismatches are flagged, never hidden.
-- param: kind VARCHAR = null | figure_kind (total, parent_value, ...); null = all
-- param: tolerance DOUBLE = 0.5 | Largest absolute difference explained by rounding (verdict 'rounding', not 'MISMATCH')
WITH pub AS (
    SELECT f.source_table, f.figure_kind, f.region_code, f.period_code, p.period_year, f.theme_code, f.measure_code,
           f.value AS published, f.raw_value
    FROM fct_published_figure f
    LEFT JOIN dim_period p ON p.period_code = f.period_code
    WHERE f.region_code IS NOT NULL AND f.measure_code IS NOT NULL
      AND ($kind IS NULL OR f.figure_kind = $kind)
), own AS (
    SELECT pub.*, (SELECT sum(r.value) FROM fct_registration r
                   WHERE r.region_code = pub.region_code AND r.period_code = pub.period_code
                     AND r.measure_code = pub.measure_code
                     AND (pub.theme_code IS NULL OR r.theme_code = pub.theme_code)) AS registered_value,
           (SELECT sum(r.value) FROM fct_registration r
            JOIN dim_region_parent h ON h.region_code = r.region_code AND h.hierarchy = 'politie'
             AND pub.period_year BETWEEN h.valid_from AND h.valid_to
            WHERE h.parent_code = pub.region_code AND r.period_code = pub.period_code
              AND r.measure_code = pub.measure_code
              AND (pub.theme_code IS NULL OR r.theme_code = pub.theme_code)) AS children_sum
    FROM pub
)
SELECT source_table, figure_kind, region_code, period_code, theme_code, measure_code, published, raw_value,
       registered_value, children_sum,
       coalesce(registered_value, children_sum) - published AS difference,
       CASE WHEN coalesce(registered_value, children_sum) IS NULL THEN 'not recomputable'
            WHEN coalesce(registered_value, children_sum) = published THEN 'equal'
            WHEN abs(coalesce(registered_value, children_sum) - published) <= $tolerance THEN 'rounding'
            ELSE 'MISMATCH' END AS verdict
FROM own
ORDER BY verdict = 'MISMATCH' DESC, source_table, region_code, period_code, theme_code
