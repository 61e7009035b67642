-- National scale (issue 18): how cubes reach the registration facts without reading every buurt x month row.
--
-- The choice, measured on the synthetic country (docs/performance/): an aggregate of yearly figures for
-- municipalities and every level above them (basisteam, district, unit, province, country, old police
-- regions), kept by the loader in the same transaction as the facts (Loader -> RegistrationYears), one row per
-- batch, source table, area, theme, measure and year. At scale 1 it holds about 1 row for every 150 facts, and a
-- cube that asks about municipalities and up reads only it, so its cost follows the answer, not the buurt x
-- month table. Rows of one batch are written in (measure, theme, area, year) order, so DuckDB's zone maps
-- (min/max per row group) skip the row groups of other measures and themes.
-- Rejected: re-sorting fct_registration itself (a full rewrite of the biggest table at every load, and a
-- municipal year would still be a sum over months); compact integer keys in the fact table (every loader,
-- view, export and query of the warehouse reads the readable codes, for a gain on scans cubes no longer do).
-- Buurt and wijk figures stay only in fct_registration: a question at those levels has an answer of their size.

CREATE TABLE agg_registration_year (
    batch_id       BIGINT NOT NULL,
    source_table   VARCHAR NOT NULL,
    region_code    VARCHAR NOT NULL,
    theme_code     VARCHAR NOT NULL,
    measure_code   VARCHAR NOT NULL,
    period_year    INTEGER NOT NULL,
    year_value     DOUBLE,
    year_max       DOUBLE,
    month_value    DOUBLE,
    months         INTEGER NOT NULL
);
COMMENT ON TABLE agg_registration_year IS 'Yearly registration figures of municipalities and the levels above (not buurt or wijk), summed from fct_registration per batch, source table, area, theme, measure and year; written by the loader in the transaction that writes the facts, read by the cubes';
COMMENT ON COLUMN agg_registration_year.batch_id IS 'Load batch of the facts summed';
COMMENT ON COLUMN agg_registration_year.source_table IS 'Source table id of the facts';
COMMENT ON COLUMN agg_registration_year.region_code IS 'Area (dim_region), level gemeente or above';
COMMENT ON COLUMN agg_registration_year.theme_code IS 'Shared theme (dim_theme); source categories of one theme are summed';
COMMENT ON COLUMN agg_registration_year.measure_code IS 'Measure (dim_measure)';
COMMENT ON COLUMN agg_registration_year.period_year IS 'Year';
COMMENT ON COLUMN agg_registration_year.year_value IS 'Sum of the yearly facts (period kind jaar); NULL when only months are loaded';
COMMENT ON COLUMN agg_registration_year.year_max IS 'Largest single yearly fact (cubes that show a figure as published take the maximum)';
COMMENT ON COLUMN agg_registration_year.month_value IS 'Sum of the monthly facts of the year; NULL when no month is loaded';
COMMENT ON COLUMN agg_registration_year.months IS 'Monthly facts summed into month_value';

/* [jooq ignore start] */
INSERT INTO agg_registration_year
SELECT f.batch_id, f.source_table, f.region_code, f.theme_code, f.measure_code, p.period_year,
       sum(f.value) FILTER (WHERE p.period_kind = 'jaar'), max(f.value) FILTER (WHERE p.period_kind = 'jaar'),
       sum(f.value) FILTER (WHERE p.period_kind = 'maand'), count(*) FILTER (WHERE p.period_kind = 'maand')
FROM fct_registration f
JOIN dim_period p ON p.period_code = f.period_code
WHERE p.period_kind IN ('jaar', 'maand')
  AND f.region_code IN (SELECT region_code FROM dim_region WHERE region_level NOT IN ('buurt', 'wijk'))
GROUP BY f.batch_id, f.source_table, f.region_code, f.theme_code, f.measure_code, p.period_year
ORDER BY f.batch_id, f.measure_code, f.theme_code, f.region_code, p.period_year;
/* [jooq ignore stop] */
