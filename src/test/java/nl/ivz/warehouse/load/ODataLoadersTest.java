package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** The CBS OData layouts: v3 untyped CSV (70072ned), v3 typed JSON (84489NED), v4 observations with code lists (03759ned). */
class ODataLoadersTest {
    @Test
    void untypedCsvGivesProvincePopulation() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            FileResult f = load(wh, CBS.resolve("70072ned_UntypedDataSet_29122019_191739.csv")).get(0);
            assertEquals("odata-v3-untyped-csv", f.layout());
            assertEquals(300, f.rowsRead(), "12 provinces x 25 years");
            // every number of the file: counted by hand, the 303 measure columns hold 55,202 numbers; the text columns
            // Code_287, Naam_288 and KoppelvariabeleRegioCode_306 are not figures
            assertEquals(55_202, f.rowsLoaded());
            assertEquals(300, number(wh, "SELECT count(*) FROM fct_population WHERE measure_code = 'inwoners' AND source_table = '70072ned'"));
            // "PV23  ";"2014JJ00";" 1139697";"  570214": Mannen_2 has no mapping and loads as a measure of its own
            assertEquals(570_214, number(wh, "SELECT value FROM fct_population WHERE region_code = 'PV23' AND period_code = '2014JJ00' "
                    + "AND measure_code = 'cbs_70072ned_mannen_2'"));
            assertTrue(f.notes().stream().anyMatch(n -> n.contains("Code_287, KoppelvariabeleRegioCode_306, Naam_288")), f.notes().toString());
            // "PV23  ";"2014JJ00";" 1139697": padded code and space-aligned number
            assertEquals(1_139_697, number(wh, "SELECT value FROM fct_population WHERE region_code = 'PV23' AND period_code = '2014JJ00' "
                    + "AND measure_code = 'inwoners' AND source_table = '70072ned'"));
            assertEquals("2014-01-01", text(wh, "SELECT reference_date FROM fct_population WHERE region_code = 'PV23' AND period_code = '2014JJ00' "
                    + "AND measure_code = 'inwoners'"));
            // Inwoners15JaarOfOuder_29 (32nd column) of the same row: " 932036", the population the survey rates are per 100 of
            assertEquals(932_036, number(wh, "SELECT value FROM fct_population WHERE region_code = 'PV23' AND period_code = '2014JJ00' "
                    + "AND measure_code = 'inwoners_15_plus'"));
        }
    }

    @Test
    void typedJsonGivesMunicipalitiesAndTheirProvince() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            FileResult f = load(wh, CBS.resolve("84489NED_TypedDataSet_woonplaatsen_2019.json")).get(0);
            assertEquals("odata-v3-typed-json", f.layout());
            assertEquals(2500, f.rowsRead());
            // the 355 municipalities of 2019 and 12 provinces are all in the bundled reference already
            assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("geography: 355 gemeenten, 12 provincies, 4 landsdelen") && n.contains("; 0 areas added")),
                    f.notes().toString());
            assertEquals("PV20", text(wh, "SELECT parent_code FROM dim_region_parent WHERE region_code = 'GM0014' AND hierarchy = 'bestuurlijk'"));
            assertEquals("Groningen", text(wh, "SELECT region_name FROM dim_region WHERE region_code = 'GM0014'"));
            assertEquals("Overijssel", text(wh, "SELECT region_name FROM dim_region WHERE region_code = 'PV23'"));
            assertEquals("Oost-Nederland|landsdeel", text(wh, "SELECT region_name || '|' || region_level FROM dim_region WHERE region_code = 'LD02'"));
            // the bundled hierarchy wins: Twente's own rows are not duplicated
            assertEquals(1, number(wh, "SELECT count(*) FROM dim_region_parent WHERE region_code = 'GM0153' AND hierarchy = 'bestuurlijk'"));
        }
    }

    @Test
    void v4FolderGivesMunicipalPopulationWithPeriodStatus() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            List<FileResult> r = load(wh, CBS.resolve("03759ned"));
            assertEquals(1, r.size(), "the folder is one dataset: its code lists are read through index.json");
            FileResult f = r.get(0);
            assertEquals("odata-v4", f.layout());
            assertEquals(13_568, f.rowsRead());
            assertEquals(5_403, f.rowsLoaded(), "observations with ValueAttribute None; 8,165 are Impossible (no value)");
            assertEquals(17_282_163, number(wh, "SELECT value FROM fct_population WHERE region_code = 'NL01' AND period_code = '2019JJ00' AND measure_code = 'inwoners'"));
            assertEquals(158_986, number(wh, "SELECT value FROM fct_population WHERE region_code = 'GM0153' AND period_code = '2019JJ00' AND measure_code = 'inwoners'"));
            assertEquals(159_313, number(wh, "SELECT value FROM fct_population WHERE region_code = 'GM0153' AND period_code = '2019JJ00' AND measure_code = 'inwoners_gemiddeld'"));
            assertEquals("definitief", text(wh, "SELECT period_status FROM dim_period WHERE period_code = '2026JJ00'"));
        }
    }

    @Test
    void anObservationsPageLoadsItsWholeDataset() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            List<FileResult> r = load(wh, CBS.resolve("03759ned").resolve("observations-page-1.json"), CBS.resolve("03759ned").resolve("codes-RegioS.json"));
            assertEquals(1, r.size());
            assertTrue(r.get(0).file().endsWith("index.json"), r.get(0).file());
        }
    }
}
