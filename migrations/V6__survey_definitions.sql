-- How the definition of a survey victimisation indicator compares with its registered counterpart, so the
-- dark-number cubes flag a comparison of unlike things instead of making it silently. Helper "dark", issue 16.
-- Its own table (not a column of map_survey_registration, which V13 creates after this migration runs).

CREATE TABLE map_survey_definition (
    measure_code    VARCHAR NOT NULL PRIMARY KEY,
    definition_match VARCHAR NOT NULL,
    note            VARCHAR NOT NULL
);
COMMENT ON TABLE map_survey_definition IS 'Per survey victimisation indicator: does its crime kind match the registered crimes it is compared with (map_survey_registration) in definition';
COMMENT ON COLUMN map_survey_definition.measure_code IS 'Survey indicator (dim_measure): victimisations per 100 inhabitants or % of persons victim';
COMMENT ON COLUMN map_survey_definition.definition_match IS 'vergelijkbaar (the same offences on both sides), ruimer (the registered counterpart holds more: other victims or offences, so registered/reported is an upper bound and the unrecorded estimate a lower bound), anders (the survey kind and the police classification cut the offences differently: no bound), geen (no registered counterpart: nothing compared)';
COMMENT ON COLUMN map_survey_definition.note IS 'Where the definitions differ (survey kind against the police classification)';
