-- Reconciliation: where a source publishes its own totals, compare them with the sum of its detail rows.
-- Nothing is corrected: both figures stay in fct_registration; these views list every comparison
-- (filter on difference <> 0 for the disagreements). Only count measures (unit 'aantal') add up.
-- Portable SQL (no DuckDB-only functions), so jOOQ generates classes for the views too.

CREATE VIEW v_reconcile_category_total AS
WITH cat_counts AS (
    SELECT f.batch_id, f.source_table, f.region_code, f.period_code, f.measure_code, f.theme_code, f.source_category, f.value
    FROM fct_registration f JOIN dim_measure m ON m.measure_code = f.measure_code
    WHERE m.unit = 'aantal'
), cat_totals AS (
    SELECT batch_id, source_table, region_code, period_code, measure_code, source_category, value
    FROM cat_counts WHERE theme_code = 'misdrijven_totaal'
), cat_groups AS (
    -- main groups: CBS "1 Vermogensmisdrijven" .. "9 ..." (one digit and a space); in police tables
    -- (47xxxNED) the codes "1.1.1 ..." (CBS dotted labels like "1.1.1 Diefstal ..." are sub-groups)
    SELECT batch_id, source_table, region_code, period_code, measure_code, CAST(SUM(value) AS DOUBLE) AS sum_of_groups, COUNT(*) AS groups_summed
    FROM cat_counts
    WHERE theme_code <> 'misdrijven_totaal'
      AND ((SUBSTRING(source_category, 1, 1) IN ('1', '2', '3', '4', '5', '6', '7', '8', '9') AND SUBSTRING(source_category, 2, 1) = ' ')
           OR (source_table LIKE '47%' AND source_category LIKE '_._._%'))
    GROUP BY batch_id, source_table, region_code, period_code, measure_code
)
SELECT t.batch_id, t.source_table, t.region_code, t.period_code, t.measure_code,
       t.source_category AS total_category, t.value AS published_total, g.sum_of_groups, g.groups_summed,
       CAST(g.sum_of_groups - t.value AS DOUBLE) AS difference
FROM cat_totals t
JOIN cat_groups g ON g.batch_id = t.batch_id AND g.source_table = t.source_table AND g.region_code = t.region_code
          AND g.period_code = t.period_code AND g.measure_code = t.measure_code;

COMMENT ON VIEW v_reconcile_category_total IS 'Published total ("Misdrijven, totaal", "Totaal misdrijven") per area, period and count measure against the sum of the main groups of the same batch; difference = sum - published (83648NED counts are rounded to 5, so small differences are expected)';

CREATE VIEW v_reconcile_region_total AS
WITH reg_counts AS (
    SELECT f.batch_id, f.source_table, f.region_code, f.period_code, f.theme_code, f.source_category, f.measure_code,
           f.value, r.region_level
    FROM fct_registration f
    JOIN dim_measure m ON m.measure_code = f.measure_code
    JOIN dim_region r ON r.region_code = f.region_code
    WHERE m.unit = 'aantal'
), reg_published AS (
    SELECT batch_id, source_table, region_code, period_code, theme_code, source_category, measure_code, value
    FROM reg_counts WHERE region_level = 'land'
), reg_parts AS (
    SELECT batch_id, source_table, period_code, theme_code, source_category, measure_code, region_level AS summed_level,
           CAST(SUM(value) AS DOUBLE) AS sum_of_areas, COUNT(*) AS areas
    FROM reg_counts WHERE region_level IN ('gemeente', 'eenheid', 'provincie')
    GROUP BY batch_id, source_table, period_code, theme_code, source_category, measure_code, region_level
)
SELECT p.batch_id, p.source_table, p.region_code, q.summed_level, p.period_code, p.theme_code, p.source_category,
       p.measure_code, p.value AS published_value, q.sum_of_areas, q.areas, CAST(q.sum_of_areas - p.value AS DOUBLE) AS difference
FROM reg_published p
JOIN reg_parts q ON q.batch_id = p.batch_id AND q.source_table = p.source_table AND q.period_code = p.period_code
            AND q.theme_code = p.theme_code AND q.source_category = p.source_category AND q.measure_code = p.measure_code;

COMMENT ON VIEW v_reconcile_region_total IS 'Published national value (Nederland) per period, category and count measure against the sum over the municipalities, police units (RE) or provinces of the same batch (areas created as unknown, like "Gemeenten; niet in te delen", are included); difference = sum - published';
