-- Survey tables transcribed from documents (seed 004: Veiligheidsmonitor 2015 in the Wegwijzer) and the
-- comparison of survey victimisation with registered crime (the dark number). Helper "dark", issue 16.

CREATE TABLE fct_survey_reading (
    batch_id        BIGINT NOT NULL,
    source_table    VARCHAR NOT NULL,
    region_code     VARCHAR NOT NULL,
    period_code     VARCHAR NOT NULL,
    measure_code    VARCHAR NOT NULL,
    theme_code      VARCHAR,
    source_label    VARCHAR NOT NULL,
    raw_text        VARCHAR NOT NULL,
    reading         VARCHAR NOT NULL,
    value           DOUBLE,
    note            VARCHAR
);
COMMENT ON TABLE fct_survey_reading IS 'How every value of a survey table transcribed from a document was read (the text of the PDF is scrambled in places); gelezen and hersteld values are also in fct_survey, onzeker values are not';
COMMENT ON COLUMN fct_survey_reading.batch_id IS 'Load batch the row came from';
COMMENT ON COLUMN fct_survey_reading.source_table IS 'Transcribed table (file name without extension)';
COMMENT ON COLUMN fct_survey_reading.region_code IS 'Area (dim_region)';
COMMENT ON COLUMN fct_survey_reading.period_code IS 'Period (dim_period)';
COMMENT ON COLUMN fct_survey_reading.measure_code IS 'Indicator (dim_measure)';
COMMENT ON COLUMN fct_survey_reading.theme_code IS 'Theme the indicator maps onto, if any';
COMMENT ON COLUMN fct_survey_reading.source_label IS 'Row label of the document table (e.g. Geweld totaal)';
COMMENT ON COLUMN fct_survey_reading.raw_text IS 'The text the value was read from, exactly as the document text has it (e.g. 339 where a decimal comma was lost)';
COMMENT ON COLUMN fct_survey_reading.reading IS 'gelezen (read as printed), hersteld (restored by the stated rule, e.g. a lost decimal comma) or onzeker (cannot be read with certainty: no value)';
COMMENT ON COLUMN fct_survey_reading.value IS 'The value as read; NULL when onzeker';
COMMENT ON COLUMN fct_survey_reading.note IS 'How the value was read, the rule applied or why it is uncertain';

CREATE TABLE map_survey_registration (
    measure_code    VARCHAR NOT NULL,
    theme_code      VARCHAR NOT NULL,
    note            VARCHAR,
    PRIMARY KEY (measure_code, theme_code)
);
COMMENT ON TABLE map_survey_registration IS 'Which registered-crime themes a survey victimisation indicator is compared with in the dark-number cubes (sum of their geregistreerde_misdrijven); an indicator without rows here has no registered counterpart';
COMMENT ON COLUMN map_survey_registration.measure_code IS 'Survey indicator (dim_measure): victimisations per 100 inhabitants or % of persons victim';
COMMENT ON COLUMN map_survey_registration.theme_code IS 'Theme (dim_theme) whose registered crimes count as the counterpart';
COMMENT ON COLUMN map_survey_registration.note IS 'Why these themes, and where the definitions differ';
