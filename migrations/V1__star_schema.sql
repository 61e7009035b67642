-- ivz-warehouse star schema. One source of truth: the jOOQ classes are generated from these files.
-- Naming: dim_* dimensions, fct_* facts (one row per region x period x theme/measure), map_* source
-- classifications onto the shared lists, load_* lineage. Plain types only (jOOQ 3.19 maps DuckDB
-- HUGEINT/STRUCT/LIST to Object).

-- ---------------------------------------------------------------- lineage
CREATE SEQUENCE load_batch_seq START 1;

CREATE TABLE load_batch (
    batch_id       BIGINT PRIMARY KEY,
    file_name      VARCHAR NOT NULL,
    file_sha256    VARCHAR NOT NULL,
    layout         VARCHAR NOT NULL,
    source_table   VARCHAR,
    release_label  VARCHAR,
    rows_read      BIGINT NOT NULL DEFAULT 0,
    rows_loaded    BIGINT NOT NULL DEFAULT 0,
    rows_rejected  BIGINT NOT NULL DEFAULT 0,
    started_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP,
    status         VARCHAR NOT NULL,
    replaced_by    BIGINT,
    message        VARCHAR
);
COMMENT ON TABLE load_batch IS 'One row per loaded source file: what was read, from which file (sha256), with what result. Every fact row points at its batch.';
COMMENT ON COLUMN load_batch.batch_id IS 'Batch number, increasing per load';
COMMENT ON COLUMN load_batch.file_name IS 'Name of the source file as given to ivz load';
COMMENT ON COLUMN load_batch.file_sha256 IS 'SHA-256 of the file bytes: loading the same bytes again adds nothing';
COMMENT ON COLUMN load_batch.layout IS 'Detected or given source layout (statline-csv-labels, odata-v4, vm-long, plan-matrix, ...)';
COMMENT ON COLUMN load_batch.source_table IS 'CBS/police table id (83648NED, 81928NED) or own table name for plan data';
COMMENT ON COLUMN load_batch.release_label IS 'Release of the source table (e.g. provisional/definitive periods in the file)';
COMMENT ON COLUMN load_batch.rows_read IS 'Data rows read from the file';
COMMENT ON COLUMN load_batch.rows_loaded IS 'Fact rows written';
COMMENT ON COLUMN load_batch.rows_rejected IS 'Rows that went to load_rejected_row';
COMMENT ON COLUMN load_batch.started_at IS 'Start of the load (local time)';
COMMENT ON COLUMN load_batch.finished_at IS 'End of the load (local time)';
COMMENT ON COLUMN load_batch.status IS 'loaded, replaced (a newer release of the same table and periods took over), reference';
COMMENT ON COLUMN load_batch.replaced_by IS 'Batch that replaced the facts of this one';
COMMENT ON COLUMN load_batch.message IS 'Summary or note written by the loader';

CREATE TABLE load_rejected_row (
    batch_id     BIGINT NOT NULL,
    line_number  BIGINT,
    column_name  VARCHAR,
    raw_value    VARCHAR,
    reason       VARCHAR NOT NULL,
    raw_text     VARCHAR
);
COMMENT ON TABLE load_rejected_row IS 'Source rows that could not be loaded (unknown area, text in a number column, unknown theme), with the reason';
COMMENT ON COLUMN load_rejected_row.batch_id IS 'Batch of the file the row came from';
COMMENT ON COLUMN load_rejected_row.line_number IS 'Line in the source file (1 = first line), or record number for JSON';
COMMENT ON COLUMN load_rejected_row.column_name IS 'Column of the offending value';
COMMENT ON COLUMN load_rejected_row.raw_value IS 'The offending value as written in the file';
COMMENT ON COLUMN load_rejected_row.reason IS 'What was wrong and what was expected';
COMMENT ON COLUMN load_rejected_row.raw_text IS 'The whole source row as text';

-- ---------------------------------------------------------------- dimensions
CREATE TABLE dim_region (
    region_code   VARCHAR PRIMARY KEY,
    region_name   VARCHAR NOT NULL,
    region_level  VARCHAR NOT NULL,
    valid_from    INTEGER NOT NULL DEFAULT 1900,
    valid_to      INTEGER NOT NULL DEFAULT 9999,
    is_known      BOOLEAN NOT NULL DEFAULT TRUE,
    batch_id      BIGINT
);
COMMENT ON TABLE dim_region IS 'Every area: land, landsdeel, provincie, eenheid, district, basisteam, gemeente, wijk, buurt, with the years it existed';
COMMENT ON COLUMN dim_region.region_code IS 'CBS code where one exists (NL01, PV23, RE02, GM0153, WK.., BU..); own stable code for police districts (PD..) and basisteams (BT..)';
COMMENT ON COLUMN dim_region.region_name IS 'Name as CBS writes it, without the (PD)/(BT)/(RE)/(PV) suffix';
COMMENT ON COLUMN dim_region.region_level IS 'land, landsdeel, provincie, eenheid, district, basisteam, gemeente, wijk, buurt';
COMMENT ON COLUMN dim_region.valid_from IS 'First year the area existed with these borders';
COMMENT ON COLUMN dim_region.valid_to IS 'Last year the area existed (9999 = still exists)';
COMMENT ON COLUMN dim_region.is_known IS 'FALSE when the area came from data and is not in the bundled hierarchy (no parent known)';
COMMENT ON COLUMN dim_region.batch_id IS 'Batch that created the area';

CREATE TABLE dim_region_parent (
    region_code   VARCHAR NOT NULL,
    hierarchy     VARCHAR NOT NULL,
    parent_code   VARCHAR NOT NULL,
    valid_from    INTEGER NOT NULL DEFAULT 1900,
    valid_to      INTEGER NOT NULL DEFAULT 9999,
    batch_id      BIGINT,
    PRIMARY KEY (region_code, hierarchy, valid_from)
);
COMMENT ON TABLE dim_region_parent IS 'Parent of an area per hierarchy (politie: gemeente > basisteam > district > eenheid > land; bestuurlijk: gemeente > provincie > land) with validity, because municipalities merge and police teams are re-cut';
COMMENT ON COLUMN dim_region_parent.region_code IS 'The child area';
COMMENT ON COLUMN dim_region_parent.hierarchy IS 'politie or bestuurlijk';
COMMENT ON COLUMN dim_region_parent.parent_code IS 'The parent area in that hierarchy';
COMMENT ON COLUMN dim_region_parent.valid_from IS 'First year of this membership';
COMMENT ON COLUMN dim_region_parent.valid_to IS 'Last year of this membership (9999 = still valid)';
COMMENT ON COLUMN dim_region_parent.batch_id IS 'Batch that loaded the membership';

CREATE TABLE dim_region_alias (
    alias         VARCHAR PRIMARY KEY,
    region_code   VARCHAR NOT NULL
);
COMMENT ON TABLE dim_region_alias IS 'Names under which sources publish an area (lower case, e.g. "twente (pd)", "basisteam midden", "rijssen-holtten"), resolved to its code';
COMMENT ON COLUMN dim_region_alias.alias IS 'Lower-case label as found in a source';
COMMENT ON COLUMN dim_region_alias.region_code IS 'The area it means';

CREATE TABLE dim_period (
    period_code    VARCHAR PRIMARY KEY,
    period_year    INTEGER NOT NULL,
    period_month   INTEGER,
    period_kind    VARCHAR NOT NULL,
    period_label   VARCHAR NOT NULL,
    period_status  VARCHAR NOT NULL DEFAULT 'definitief'
);
COMMENT ON TABLE dim_period IS 'Years and months with the CBS period code';
COMMENT ON COLUMN dim_period.period_code IS 'CBS period code: 2014JJ00 (year), 2014KW01 (quarter), 2014MM03 (month)';
COMMENT ON COLUMN dim_period.period_year IS 'Calendar year';
COMMENT ON COLUMN dim_period.period_month IS 'Month 1-12 for monthly periods, else NULL';
COMMENT ON COLUMN dim_period.period_kind IS 'jaar, kwartaal or maand';
COMMENT ON COLUMN dim_period.period_label IS 'Label as CBS writes it (2014, 2014 maart)';
COMMENT ON COLUMN dim_period.period_status IS 'definitief, voorlopig (label with *) or nader voorlopig (**), as of the newest load';

CREATE TABLE dim_theme (
    theme_code     VARCHAR PRIMARY KEY,
    theme_name     VARCHAR NOT NULL,
    field_number   INTEGER NOT NULL,
    field_name     VARCHAR NOT NULL,
    description    VARCHAR
);
COMMENT ON TABLE dim_theme IS 'Shared theme list, grouped in the five safety fields (veiligheidsvelden) of the VNG method Kernbeleid Veiligheid; field 0 holds totals';
COMMENT ON COLUMN dim_theme.theme_code IS 'Short stable code (woninginbraak, fietsendiefstal, ...)';
COMMENT ON COLUMN dim_theme.theme_name IS 'Dutch name of the theme';
COMMENT ON COLUMN dim_theme.field_number IS '1 veilige woon- en leefomgeving, 2 bedrijvigheid en veiligheid, 3 jeugd en veiligheid, 4 fysieke veiligheid, 5 integriteit en veiligheid, 0 totaal/overig';
COMMENT ON COLUMN dim_theme.field_name IS 'Name of the safety field (veiligheidsveld)';
COMMENT ON COLUMN dim_theme.description IS 'What the theme covers';

CREATE TABLE map_source_theme (
    source_system  VARCHAR NOT NULL,
    source_code    VARCHAR NOT NULL,
    source_label   VARCHAR NOT NULL,
    theme_code     VARCHAR NOT NULL,
    PRIMARY KEY (source_system, source_code)
);
COMMENT ON TABLE map_source_theme IS 'Each source classification (CBS Soort misdrijf, police codes like 1.1.1, VM indicators, plan column labels) mapped onto dim_theme; the source label is kept';
COMMENT ON COLUMN map_source_theme.source_system IS 'Which classification: cbs-soortmisdrijf, politie-soortmisdrijf, politie-overlast, vm, plan-lokaal, plan-partners, incidentie';
COMMENT ON COLUMN map_source_theme.source_code IS 'Code in the source (T001161, 1.1.1, E33) or its label in lower case where the source has no code';
COMMENT ON COLUMN map_source_theme.source_label IS 'Label exactly as the source writes it';
COMMENT ON COLUMN map_source_theme.theme_code IS 'Theme in dim_theme';

CREATE TABLE dim_measure (
    measure_code    VARCHAR PRIMARY KEY,
    measure_label   VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,
    polarity        VARCHAR NOT NULL,
    count_measure   VARCHAR,
    denominator     VARCHAR,
    source_table    VARCHAR
);
COMMENT ON TABLE dim_measure IS 'What a fact value measures, in which unit, and whether higher is worse or better';
COMMENT ON COLUMN dim_measure.measure_code IS 'Short code (geregistreerde_misdrijven, misdrijven_per_1000_inw, ...)';
COMMENT ON COLUMN dim_measure.measure_label IS 'Dutch label';
COMMENT ON COLUMN dim_measure.unit IS 'aantal, per 1000 inwoners, per 1000 woningen, procent, score, euro';
COMMENT ON COLUMN dim_measure.polarity IS 'hoger_slechter (higher is worse), hoger_beter (higher is better) or neutraal';
COMMENT ON COLUMN dim_measure.count_measure IS 'For a rate: the count measure it is computed from (so rates are recomputed from counts where they are loaded)';
COMMENT ON COLUMN dim_measure.denominator IS 'For a rate: inwoners or woningen';
COMMENT ON COLUMN dim_measure.source_table IS 'Source table that publishes the measure';

CREATE TABLE map_source_measure (
    source_table   VARCHAR NOT NULL,
    source_key     VARCHAR NOT NULL,
    measure_code   VARCHAR NOT NULL,
    theme_code     VARCHAR,
    PRIMARY KEY (source_table, source_key)
);
COMMENT ON TABLE map_source_measure IS 'Source column names, measure codes and VM indicators mapped onto dim_measure (and a theme where the indicator implies one)';
COMMENT ON COLUMN map_source_measure.source_table IS 'Source table (83648NED, 81928NED, 03759ned, ...)';
COMMENT ON COLUMN map_source_measure.source_key IS 'Column name, measure code or indicator key as in the source (lower case)';
COMMENT ON COLUMN map_source_measure.measure_code IS 'Measure in dim_measure';
COMMENT ON COLUMN map_source_measure.theme_code IS 'Theme implied by the indicator, if any';

-- ---------------------------------------------------------------- facts
CREATE TABLE fct_registration (
    batch_id        BIGINT NOT NULL,
    region_code     VARCHAR NOT NULL,
    period_code     VARCHAR NOT NULL,
    theme_code      VARCHAR NOT NULL,
    measure_code    VARCHAR NOT NULL,
    source_table    VARCHAR NOT NULL,
    source_category VARCHAR NOT NULL,
    value           DOUBLE NOT NULL
);
COMMENT ON TABLE fct_registration IS 'Police registrations (objective safety): registered crimes, suspects, incidents and the rates the source publishes, per region x period x theme x measure';
COMMENT ON COLUMN fct_registration.batch_id IS 'Load batch the row came from';
COMMENT ON COLUMN fct_registration.region_code IS 'Area (dim_region)';
COMMENT ON COLUMN fct_registration.period_code IS 'Period (dim_period)';
COMMENT ON COLUMN fct_registration.theme_code IS 'Shared theme (dim_theme)';
COMMENT ON COLUMN fct_registration.measure_code IS 'What the value measures (dim_measure)';
COMMENT ON COLUMN fct_registration.source_table IS 'Source table id';
COMMENT ON COLUMN fct_registration.source_category IS 'The source''s own crime/incident category label (Soort misdrijf)';
COMMENT ON COLUMN fct_registration.value IS 'The figure (counts as published, rounded to 5 where CBS rounds)';

CREATE TABLE fct_survey (
    batch_id        BIGINT NOT NULL,
    region_code     VARCHAR NOT NULL,
    period_code     VARCHAR NOT NULL,
    measure_code    VARCHAR NOT NULL,
    theme_code      VARCHAR,
    source_table    VARCHAR NOT NULL,
    value           DOUBLE NOT NULL,
    margin          DOUBLE,
    lower_bound     DOUBLE,
    upper_bound     DOUBLE,
    respondents     INTEGER
);
COMMENT ON TABLE fct_survey IS 'Veiligheidsmonitor results (subjective safety): value with its 95% margin or bounds per region x period x indicator';
COMMENT ON COLUMN fct_survey.batch_id IS 'Load batch the row came from';
COMMENT ON COLUMN fct_survey.region_code IS 'Area (dim_region)';
COMMENT ON COLUMN fct_survey.period_code IS 'Period (dim_period)';
COMMENT ON COLUMN fct_survey.measure_code IS 'Indicator (dim_measure)';
COMMENT ON COLUMN fct_survey.theme_code IS 'Theme the indicator belongs to, if any';
COMMENT ON COLUMN fct_survey.source_table IS 'Source table id';
COMMENT ON COLUMN fct_survey.value IS 'Estimate (percent, score or per 100 inhabitants per dim_measure.unit)';
COMMENT ON COLUMN fct_survey.margin IS '95% margin (Betrouwbaarheidsmarge): the interval is value +/- margin';
COMMENT ON COLUMN fct_survey.lower_bound IS 'Lower bound of the 95% interval where the source gives bounds';
COMMENT ON COLUMN fct_survey.upper_bound IS 'Upper bound of the 95% interval where the source gives bounds';
COMMENT ON COLUMN fct_survey.respondents IS 'Number of respondents behind the value, where known';

CREATE TABLE fct_survey_response (
    batch_id        BIGINT NOT NULL,
    region_code     VARCHAR NOT NULL,
    survey_year     INTEGER NOT NULL,
    survey_name     VARCHAR NOT NULL,
    respondents     INTEGER NOT NULL,
    databank_fee    DOUBLE
);
COMMENT ON TABLE fct_survey_response IS 'Respondents per municipality in a survey round (e.g. IVM 2013) and the databank connection fee';
COMMENT ON COLUMN fct_survey_response.batch_id IS 'Load batch the row came from';
COMMENT ON COLUMN fct_survey_response.region_code IS 'Municipality';
COMMENT ON COLUMN fct_survey_response.survey_year IS 'Year of the survey round';
COMMENT ON COLUMN fct_survey_response.survey_name IS 'IVM or VM';
COMMENT ON COLUMN fct_survey_response.respondents IS 'Respondents in the national sample (landelijke respons)';
COMMENT ON COLUMN fct_survey_response.databank_fee IS 'Databank connection fee in euro (aansluitkosten databank)';

CREATE TABLE dim_plan (
    plan_code       VARCHAR PRIMARY KEY,
    plan_name       VARCHAR NOT NULL,
    plan_type       VARCHAR NOT NULL,
    owner_name      VARCHAR NOT NULL,
    region_code     VARCHAR,
    period_from     INTEGER,
    period_to       INTEGER,
    batch_id        BIGINT
);
COMMENT ON TABLE dim_plan IS 'Safety plans and partner programmes: local integral safety plans (IVP), the regional action plan, partners'' priorities';
COMMENT ON COLUMN dim_plan.plan_code IS 'Stable code of the plan';
COMMENT ON COLUMN dim_plan.plan_name IS 'Name of the plan';
COMMENT ON COLUMN dim_plan.plan_type IS 'lokaal (IVP of a municipality), partner (organisation), regionaal';
COMMENT ON COLUMN dim_plan.owner_name IS 'Municipality or organisation that owns the plan';
COMMENT ON COLUMN dim_plan.region_code IS 'Municipality of a local plan (NULL for partners)';
COMMENT ON COLUMN dim_plan.period_from IS 'First year of the plan period';
COMMENT ON COLUMN dim_plan.period_to IS 'Last year of the plan period';
COMMENT ON COLUMN dim_plan.batch_id IS 'Batch that loaded the plan';

CREATE TABLE fct_plan_priority (
    batch_id        BIGINT NOT NULL,
    plan_code       VARCHAR NOT NULL,
    theme_code      VARCHAR NOT NULL,
    source_label    VARCHAR NOT NULL,
    priority_kind   VARCHAR NOT NULL,
    mark            VARCHAR NOT NULL
);
COMMENT ON TABLE fct_plan_priority IS 'Which themes a plan prioritises (one row per plan x theme marked in the priority matrix)';
COMMENT ON COLUMN fct_plan_priority.batch_id IS 'Load batch the row came from';
COMMENT ON COLUMN fct_plan_priority.plan_code IS 'Plan (dim_plan)';
COMMENT ON COLUMN fct_plan_priority.theme_code IS 'Theme (dim_theme)';
COMMENT ON COLUMN fct_plan_priority.source_label IS 'Column label of the matrix exactly as published';
COMMENT ON COLUMN fct_plan_priority.priority_kind IS 'speerpunt or aandachtspunt';
COMMENT ON COLUMN fct_plan_priority.mark IS 'The mark as published (X, Hic, ...)';

CREATE TABLE fct_plan_cycle (
    batch_id        BIGINT NOT NULL,
    plan_type       VARCHAR NOT NULL,
    cycle_year      INTEGER NOT NULL,
    cycle_label     VARCHAR NOT NULL
);
COMMENT ON TABLE fct_plan_cycle IS 'Policy cycle: which plan period runs in which year per plan type (local plans, Actieplan Platform IVZ, Veiligheidsstrategie ON); a change of label marks a new period';
COMMENT ON COLUMN fct_plan_cycle.batch_id IS 'Load batch the row came from';
COMMENT ON COLUMN fct_plan_cycle.plan_type IS 'Plan type as in the source table';
COMMENT ON COLUMN fct_plan_cycle.cycle_year IS 'Year';
COMMENT ON COLUMN fct_plan_cycle.cycle_label IS 'Period label as in the source (Red/Blue alternate per plan period)';

CREATE TABLE fct_population (
    batch_id        BIGINT NOT NULL,
    region_code     VARCHAR NOT NULL,
    period_code     VARCHAR NOT NULL,
    measure_code    VARCHAR NOT NULL,
    source_table    VARCHAR NOT NULL,
    reference_date  DATE,
    value           DOUBLE NOT NULL
);
COMMENT ON TABLE fct_population IS 'Population and dwellings per region and period: the denominators of all rates';
COMMENT ON COLUMN fct_population.batch_id IS 'Load batch the row came from';
COMMENT ON COLUMN fct_population.region_code IS 'Area (dim_region)';
COMMENT ON COLUMN fct_population.period_code IS 'Period (dim_period)';
COMMENT ON COLUMN fct_population.measure_code IS 'inwoners or woningen';
COMMENT ON COLUMN fct_population.source_table IS 'Source table id';
COMMENT ON COLUMN fct_population.reference_date IS 'Reference date of the count (1 January, 1 May 2014, ...)';
COMMENT ON COLUMN fct_population.value IS 'Number of inhabitants or dwellings';

CREATE TABLE fct_policy_target (
    batch_id        BIGINT NOT NULL,
    target_code     VARCHAR NOT NULL,
    theme_code      VARCHAR NOT NULL,
    region_code     VARCHAR NOT NULL,
    measure_code    VARCHAR NOT NULL,
    base_year       INTEGER NOT NULL,
    base_value      DOUBLE NOT NULL,
    yearly_change   DOUBLE NOT NULL,
    horizon_year    INTEGER NOT NULL,
    description     VARCHAR
);
COMMENT ON TABLE fct_policy_target IS 'Policy targets: a compound yearly change from a base year (value(year) = base_value x (1 + yearly_change)^(year - base_year))';
COMMENT ON COLUMN fct_policy_target.batch_id IS 'Load batch the row came from';
COMMENT ON COLUMN fct_policy_target.target_code IS 'Stable code of the target';
COMMENT ON COLUMN fct_policy_target.theme_code IS 'Theme (dim_theme)';
COMMENT ON COLUMN fct_policy_target.region_code IS 'Area the target is set for';
COMMENT ON COLUMN fct_policy_target.measure_code IS 'Measure the target is expressed in';
COMMENT ON COLUMN fct_policy_target.base_year IS 'Base year';
COMMENT ON COLUMN fct_policy_target.base_value IS 'Value in the base year';
COMMENT ON COLUMN fct_policy_target.yearly_change IS 'Yearly change as a fraction (-0.05 = 5% down a year)';
COMMENT ON COLUMN fct_policy_target.horizon_year IS 'Last year of the target';
COMMENT ON COLUMN fct_policy_target.description IS 'The target as the plan words it';

CREATE TABLE fct_published_figure (
    batch_id        BIGINT NOT NULL,
    source_table    VARCHAR NOT NULL,
    figure_kind     VARCHAR NOT NULL,
    region_code     VARCHAR,
    period_code     VARCHAR,
    theme_code      VARCHAR,
    measure_code    VARCHAR,
    subject         VARCHAR,
    value           DOUBLE NOT NULL,
    raw_value       VARCHAR
);
COMMENT ON TABLE fct_published_figure IS 'Figures a source states about itself (ranks, total scores, totals, parent values, % changes, costs), kept as published so they can be reconciled with recomputed ones';
COMMENT ON COLUMN fct_published_figure.batch_id IS 'Load batch the row came from';
COMMENT ON COLUMN fct_published_figure.source_table IS 'Source table or document table';
COMMENT ON COLUMN fct_published_figure.figure_kind IS 'rank, total_score, total, parent_value, change_pct, extra_respondents, cost, plan_count';
COMMENT ON COLUMN fct_published_figure.region_code IS 'Area the figure is about, if any';
COMMENT ON COLUMN fct_published_figure.period_code IS 'Period the figure is about, if any';
COMMENT ON COLUMN fct_published_figure.theme_code IS 'Theme the figure is about, if any';
COMMENT ON COLUMN fct_published_figure.measure_code IS 'Measure the figure is about, if any';
COMMENT ON COLUMN fct_published_figure.subject IS 'Free subject where region/theme do not say it (e.g. the plan set)';
COMMENT ON COLUMN fct_published_figure.value IS 'The figure as published';
COMMENT ON COLUMN fct_published_figure.raw_value IS 'The figure as written in the source';
