-- Reconciliation of the figures documents publish about their own tables (plan matrices, survey response
-- tables, benchmark tables, parent rows) against what the loaded detail gives. Nothing is corrected:
-- both stay in the facts; filter on difference <> 0 for the disagreements. Portable SQL for jOOQ.

CREATE VIEW v_reconcile_published AS
SELECT x.batch_id, x.source_table, x.check_kind, x.region_code, x.period_code, x.theme_code, x.subject,
       CAST(x.published_value AS DOUBLE) AS published_value, CAST(x.computed_value AS DOUBLE) AS computed_value,
       CAST(x.computed_value - x.published_value AS DOUBLE) AS difference
FROM (
-- plan matrix: published number of plans per column (Totaal line) against the marks loaded from the same file
SELECT p.batch_id, p.source_table, 'plan_count' AS check_kind, p.region_code, p.period_code, p.theme_code, p.subject,
       p.value AS published_value,
       CAST((SELECT COUNT(*) FROM fct_plan_priority f JOIN dim_plan d ON d.plan_code = f.plan_code
             WHERE f.batch_id = p.batch_id AND d.plan_type || ': ' || f.source_label = p.subject) AS DOUBLE) AS computed_value
FROM fct_published_figure p WHERE p.figure_kind = 'plan_count'
UNION ALL
-- benchmark table: published total score against the sum of the published ranks of the same area
SELECT p.batch_id, p.source_table, 'total_score', p.region_code, p.period_code, p.theme_code, p.subject, p.value,
       (SELECT SUM(r.value) FROM fct_published_figure r
        WHERE r.batch_id = p.batch_id AND r.figure_kind = 'rank' AND r.region_code = p.region_code AND r.period_code = p.period_code)
FROM fct_published_figure p WHERE p.figure_kind = 'total_score'
UNION ALL
-- survey response table: published totals against the sums of the municipality lines of the same file
SELECT p.batch_id, p.source_table, 'survey_total', p.region_code, p.period_code, p.theme_code, p.subject, p.value,
       CASE WHEN p.subject LIKE '%: Landelijke respons'
                THEN (SELECT CAST(SUM(s.respondents) AS DOUBLE) FROM fct_survey_response s WHERE s.batch_id = p.batch_id)
            WHEN p.subject LIKE '%: Aansluitkosten databank'
                THEN (SELECT SUM(s.databank_fee) FROM fct_survey_response s WHERE s.batch_id = p.batch_id)
            WHEN p.subject LIKE '%: Extra nodig voor 300'
                THEN (SELECT SUM(x.value) FROM fct_published_figure x WHERE x.batch_id = p.batch_id AND x.figure_kind = 'extra_respondents')
            WHEN p.subject LIKE '%: Geschatte kosten'
                THEN (SELECT SUM(x.value) FROM fct_published_figure x WHERE x.batch_id = p.batch_id AND x.figure_kind = 'cost')
       END
FROM fct_published_figure p WHERE p.figure_kind = 'total' AND p.region_code IS NULL
UNION ALL
-- registrations from documents: a parent area's published value against the sum of its children (politie
-- hierarchy, memberships valid in that year) loaded from the same file
SELECT f.batch_id, f.source_table, 'parent_value', f.region_code, f.period_code, f.theme_code, f.source_category, f.value,
       (SELECT SUM(c.value) FROM fct_registration c JOIN dim_region_parent h ON h.region_code = c.region_code
        JOIN dim_period pc ON pc.period_code = c.period_code
        WHERE c.batch_id = f.batch_id AND c.period_code = f.period_code AND c.theme_code = f.theme_code
          AND c.measure_code = f.measure_code AND c.source_category = f.source_category
          AND h.hierarchy = 'politie' AND h.parent_code = f.region_code
          AND pc.period_year BETWEEN h.valid_from AND h.valid_to)
FROM fct_registration f JOIN dim_measure m ON m.measure_code = f.measure_code
WHERE m.unit = 'aantal' AND f.source_table LIKE 'seed%'
  AND (SELECT COUNT(*) FROM fct_registration c JOIN dim_region_parent h ON h.region_code = c.region_code
       WHERE c.batch_id = f.batch_id AND c.period_code = f.period_code AND c.theme_code = f.theme_code
         AND c.measure_code = f.measure_code AND c.source_category = f.source_category
         AND h.hierarchy = 'politie' AND h.parent_code = f.region_code) >= 2
) x;

COMMENT ON VIEW v_reconcile_published IS 'Figures a document publishes about its own table (Totaal line of a plan matrix, total score of a benchmark table, totals of a survey response table, a parent row of a registration table) against what the loaded detail of the same file gives; difference = computed - published, never corrected';
