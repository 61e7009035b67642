-- Reconciliation: where a source publishes its own totals, compare them with the sum of its detail rows.
-- Nothing is corrected: both figures stay in fct_registration; these views list every comparison
-- (filter on difference <> 0 for the disagreements). Only count measures (unit 'aantal') add up.
-- DuckDB-only functions (regexp_matches), so jOOQ's DDL simulation skips them.

/* [jooq ignore start] */
CREATE VIEW v_reconcile_category_total AS
WITH counts AS (
    SELECT f.* FROM fct_registration f JOIN dim_measure m ON m.measure_code = f.measure_code WHERE m.unit = 'aantal'
), totals AS (
    SELECT batch_id, source_table, region_code, period_code, measure_code, source_category, value
    FROM counts WHERE theme_code = 'misdrijven_totaal'
), groups AS (
    -- main groups: CBS "1 Vermogensmisdrijven" .. "9 ..." (one digit); in police tables (47xxxNED) the
    -- leaf codes "1.1.1 ..." (CBS dotted labels like "1.1.1 Diefstal en inbraak met geweld" are sub-groups)
    SELECT batch_id, source_table, region_code, period_code, measure_code, sum(value) AS sum_of_groups, count(*) AS groups
    FROM counts
    WHERE theme_code <> 'misdrijven_totaal'
      AND (regexp_matches(source_category, '^[1-9] ')
           OR source_table LIKE '47%' AND regexp_matches(source_category, '^[0-9]+\.[0-9]+\.[0-9]+ '))
    GROUP BY ALL
)
SELECT t.batch_id, t.source_table, t.region_code, t.period_code, t.measure_code,
       t.source_category AS total_category, t.value AS published_total, g.sum_of_groups, g.groups,
       g.sum_of_groups - t.value AS difference
FROM totals t JOIN groups g USING (batch_id, source_table, region_code, period_code, measure_code);
COMMENT ON VIEW v_reconcile_category_total IS 'Published total ("Misdrijven, totaal", "Totaal misdrijven") per area, period and count measure against the sum of the main groups of the same batch; difference = sum - published (83648NED counts are rounded to 5, so small differences are expected)';
/* [jooq ignore stop] */

/* [jooq ignore start] */
CREATE VIEW v_reconcile_region_total AS
WITH counts AS (
    SELECT f.*, r.region_level
    FROM fct_registration f
    JOIN dim_measure m ON m.measure_code = f.measure_code
    JOIN dim_region r ON r.region_code = f.region_code
    WHERE m.unit = 'aantal'
), published AS (
    SELECT batch_id, source_table, region_code, period_code, theme_code, source_category, measure_code, value
    FROM counts WHERE region_level = 'land'
), parts AS (
    SELECT batch_id, source_table, period_code, theme_code, source_category, measure_code, region_level AS summed_level,
           sum(value) AS sum_of_areas, count(*) AS areas
    FROM counts WHERE region_level IN ('gemeente', 'eenheid', 'provincie')
    GROUP BY ALL
)
SELECT p.batch_id, p.source_table, p.region_code, q.summed_level, p.period_code, p.theme_code, p.source_category,
       p.measure_code, p.value AS published_value, q.sum_of_areas, q.areas, q.sum_of_areas - p.value AS difference
FROM published p JOIN parts q USING (batch_id, source_table, period_code, theme_code, source_category, measure_code);
COMMENT ON VIEW v_reconcile_region_total IS 'Published national value (Nederland) per period, category and count measure against the sum over the municipalities, police units (RE) or provinces of the same batch (areas created as unknown, like "Gemeenten; niet in te delen", are included); difference = sum - published';
/* [jooq ignore stop] */
