-- Municipal reorganisations (herindelingen) as successor links, so that a comparison over years can be
-- put on the borders of one year: an area's history on later borders is the sum of its predecessors.

CREATE TABLE dim_region_successor (
    region_code     VARCHAR NOT NULL,
    successor_code  VARCHAR NOT NULL,
    from_year       INTEGER NOT NULL,
    change_kind     VARCHAR NOT NULL,
    source          VARCHAR NOT NULL,
    batch_id        BIGINT,
    PRIMARY KEY (region_code, successor_code, from_year)
);
COMMENT ON TABLE dim_region_successor IS 'Reorganisations of areas: on 1 January of from_year region_code went (wholly or partly) into successor_code. A merged municipality has one row per predecessor; a renamed one a row to its new code or name';
COMMENT ON COLUMN dim_region_successor.region_code IS 'The area as it was before the change (dim_region)';
COMMENT ON COLUMN dim_region_successor.successor_code IS 'The area it went into (dim_region)';
COMMENT ON COLUMN dim_region_successor.from_year IS 'First year (1 January) of the successor; region_code existed until 31 December of from_year - 1';
COMMENT ON COLUMN dim_region_successor.change_kind IS 'samenvoeging (whole area merged), naamswijziging (renamed, new code), opsplitsing (split over several successors: history cannot be carried over exactly)';
COMMENT ON COLUMN dim_region_successor.source IS 'Where the link comes from (CBS table or publication)';
COMMENT ON COLUMN dim_region_successor.batch_id IS 'Batch that loaded the link';
