-- National geography (issue 11): how much of an area moved in a reorganisation, the borders a file's
-- figures are published on, and the check of the municipality -> police unit assignment against the unit
-- totals a source publishes. Portable SQL for jOOQ.

ALTER TABLE dim_region_successor ADD COLUMN inwoners_moved BIGINT;
COMMENT ON COLUMN dim_region_successor.inwoners_moved IS 'Inhabitants that went from region_code to successor_code, as CBS states it in the code list (NULL for a renaming): weights for an opsplitsing';

ALTER TABLE load_batch ADD COLUMN borders_year INTEGER;
COMMENT ON COLUMN load_batch.borders_year IS 'Year of the municipal division every period of the file is published on (47013NED: "gemeente 2026" = 2026); NULL = each period on the division of its own year';

CREATE VIEW v_reconcile_unit_total AS
WITH reg AS (
    SELECT f.batch_id, f.source_table, f.region_code, f.period_code, p.period_year, f.theme_code, f.source_category,
           f.measure_code, f.value, r.region_level, COALESCE(b.borders_year, p.period_year) AS borders_year
    FROM fct_registration f
    JOIN dim_measure m ON m.measure_code = f.measure_code
    JOIN dim_region r ON r.region_code = f.region_code
    JOIN dim_period p ON p.period_code = f.period_code
    JOIN load_batch b ON b.batch_id = f.batch_id
    WHERE m.unit = 'aantal' AND r.region_level IN ('gemeente', 'eenheid')
), politie AS (
    SELECT region_code, parent_code, valid_from, valid_to FROM dim_region_parent WHERE hierarchy = 'politie'
), member AS (
    -- the unit of each municipality in the borders year: directly, or through its basisteam and district
    SELECT g.batch_id, g.source_table, g.period_code, g.theme_code, g.source_category, g.measure_code, g.value,
           CASE WHEN r1.region_level = 'eenheid' THEN p1.parent_code
                WHEN r2.region_level = 'eenheid' THEN p2.parent_code
                ELSE p3.parent_code END AS unit_code
    FROM reg g
    JOIN politie p1 ON p1.region_code = g.region_code AND g.borders_year BETWEEN p1.valid_from AND p1.valid_to
    JOIN dim_region r1 ON r1.region_code = p1.parent_code
    LEFT JOIN politie p2 ON p2.region_code = p1.parent_code AND g.borders_year BETWEEN p2.valid_from AND p2.valid_to
    LEFT JOIN dim_region r2 ON r2.region_code = p2.parent_code
    LEFT JOIN politie p3 ON p3.region_code = p2.parent_code AND g.borders_year BETWEEN p3.valid_from AND p3.valid_to
    WHERE g.region_level = 'gemeente'
), summed AS (
    SELECT batch_id, source_table, period_code, theme_code, source_category, measure_code, unit_code,
           CAST(SUM(value) AS DOUBLE) AS sum_of_municipalities, COUNT(*) AS municipalities
    FROM member GROUP BY batch_id, source_table, period_code, theme_code, source_category, measure_code, unit_code
)
SELECT u.batch_id, u.source_table, u.region_code AS unit_code, u.period_code, u.borders_year, u.theme_code,
       u.source_category, u.measure_code, u.value AS published_value, s.sum_of_municipalities, s.municipalities,
       CAST(s.sum_of_municipalities - u.value AS DOUBLE) AS difference,
       CASE WHEN s.sum_of_municipalities = u.value THEN 'gelijk' ELSE 'verschil' END AS status
FROM reg u
JOIN summed s ON s.batch_id = u.batch_id AND s.period_code = u.period_code AND s.theme_code = u.theme_code
             AND s.source_category = u.source_category AND s.measure_code = u.measure_code AND s.unit_code = u.region_code
WHERE u.region_level = 'eenheid';

COMMENT ON VIEW v_reconcile_unit_total IS 'Police unit totals a file publishes (47013NED: the 10 units, RE) against the sum of the same file''s municipalities assigned to each unit (dim_region_parent, politie, valid in the borders year: load_batch.borders_year, else the period''s year); difference = sum - published, status gelijk or verschil. Checks the municipality -> unit assignment';

CREATE VIEW v_region_unplaced AS
SELECT r.region_code, r.region_name, r.region_level, r.is_known, r.batch_id
FROM dim_region r
WHERE r.region_level <> 'land'
  AND NOT EXISTS (SELECT 1 FROM dim_region_parent p WHERE p.region_code = r.region_code);

COMMENT ON VIEW v_region_unplaced IS 'Areas without a parent in any hierarchy, so in no peer group: the police districts and basisteams outside Oost-Nederland (81928NED names them, no real source says which unit they belong to: add them with a reference-memberships file) and CBS''s "niet in te delen" codes (GM0998, GM0999, RE99, PV99, LD99)';
