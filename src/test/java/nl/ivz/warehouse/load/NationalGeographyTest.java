package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The bundled national geography (warehouse/sources/reference/geography_*.csv, derived by
 * src/tools/derive_geography.py from CBS's 03759ned code list and 83287NED 2016). Municipalities per year, counted
 * by hand in the real files: 390 codes in 83287NED (1 January 2016), 355 in 84378NED (2019) and 84721NED (2020),
 * 352 / 345 / 342 with a population on 1 January 2021 / 2022 / 2023 in 03759ned; 2013-2015 and 2017-2018 count
 * back and forward from 2016 with the links of gm_changes_before_2018.csv and the code list (e.g. 2017: 390 - 3 + 1
 * for Meierijstad).
 */
class NationalGeographyTest {
    private static final String EXISTING = "SELECT count(*) FROM dim_region WHERE region_level = 'gemeente' AND region_code NOT IN ('GM0998', 'GM0999') "
            + "AND valid_from <= %1$d AND valid_to >= %1$d";

    @Test
    void everyMunicipalityOfEveryYearWithItsRealCode() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            int[][] perYear = {{2013, 408}, {2014, 403}, {2015, 393}, {2016, 390}, {2017, 388}, {2018, 380}, {2019, 355},
                    {2020, 355}, {2021, 352}, {2022, 345}, {2023, 342}, {2024, 342}, {2025, 342}, {2026, 342}};
            for (int[] y : perYear) assertEquals(y[1], number(wh, String.format(EXISTING, y[0])), "municipalities on 1 January " + y[0]);
            assertEquals(0, number(wh, "SELECT count(*) FROM dim_region WHERE region_level = 'gemeente' AND NOT regexp_full_match(region_code, 'GM[0-9]{4}')"));
            assertEquals("Aalburg|1973|2018", text(wh, "SELECT region_name || '|' || valid_from || '|' || valid_to FROM dim_region WHERE region_code = 'GM0738'"));
            // labels as sources write them resolve to the real code
            RegionResolver r = new RegionResolver(Warehouse.dsl(wh.connection()));
            assertEquals("GM0164", r.find("Hengelo (O.)"));
            assertEquals("GM0164", r.find("Hengelo"));
            assertEquals("GM0518", r.find("'s-Gravenhage (gemeente)"));
            assertEquals("GM0014", r.find("Groningen (gemeente)"));
            assertEquals("PV20", r.find("Groningen (PV)"));
            assertEquals("GM0888", r.find("Beek (L.)"));
            assertEquals("GM1900", r.find("Súdwest-Fryslân"));
            assertEquals("GM1900", r.find("Sudwest-Fryslan"));
            assertEquals("GM1921", r.find("De Friese Meren"), "historic name (2014-2015), its own code");
            assertEquals("LD02", r.find("Oost-Nederland (LD)"));
            assertEquals("RE02", r.find("Oost-Nederland (RE)"));
            assertNull(r.resolveOrCreate("Nieuwdorp aan Zee", null, 0), "no made-up code for a municipality");
        }
    }

    @Test
    void reorganisationsAsSuccessorLinks() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            String q = "SELECT string_agg(region_code || '>' || successor_code || ' ' || from_year || ' ' || change_kind, ', ' ORDER BY region_code) "
                    + "FROM dim_region_successor WHERE ";
            assertEquals("GM0844>GM1948 2017 samenvoeging, GM0846>GM1948 2017 samenvoeging, GM0860>GM1948 2017 samenvoeging",
                    text(wh, q + "successor_code = 'GM1948'"), "Meierijstad from Schijndel, Sint-Oedenrode, Veghel");
            assertEquals("GM0241>GM1945 2016 naamswijziging", text(wh, q + "successor_code = 'GM1945'"), "Groesbeek renamed Berg en Dal");
            assertEquals("GM0265>GM0241 2015 samenvoeging, GM0282>GM0241 2015 samenvoeging", text(wh, q + "successor_code = 'GM0241'"));
            assertEquals("GM0738>GM1959 2019 samenvoeging, GM0870>GM1959 2019 samenvoeging, GM0874>GM1959 2019 samenvoeging",
                    text(wh, q + "successor_code = 'GM1959'"), "Altena");
            // Weesp: merged on 24 March 2022, so still a municipality on 1 January 2022 (03759ned: 20,766 inhabitants)
            assertEquals("GM0457>GM0363 2023 samenvoeging", text(wh, q + "region_code = 'GM0457'"));
            assertEquals(20_766, number(wh, "SELECT inwoners_moved FROM dim_region_successor WHERE region_code = 'GM0457'"));
            // Littenseradiel (2018) went into three municipalities
            assertEquals(3, number(wh, "SELECT count(*) FROM dim_region_successor WHERE region_code = 'GM0140' AND change_kind = 'opsplitsing'"));
            assertTrue(text(wh, "SELECT source FROM dim_region_successor WHERE region_code = 'GM0738'").startsWith("CBS 03759ned RegioS: Opgeheven per 01-01-2019"));
        }
    }

    @Test
    void bothHierarchiesForEveryMunicipalityAndYear() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            for (int y = 2013; y <= 2026; y++) {
                for (String h : List.of("politie", "bestuurlijk")) {
                    assertEquals(0, number(wh, "SELECT count(*) FROM dim_region g WHERE g.region_level = 'gemeente' AND g.region_code NOT IN ('GM0998', 'GM0999') "
                            + "AND " + y + " BETWEEN g.valid_from AND g.valid_to AND (SELECT count(*) FROM dim_region_parent p WHERE p.region_code = g.region_code "
                            + "AND p.hierarchy = '" + h + "' AND " + y + " BETWEEN p.valid_from AND p.valid_to) <> 1"), h + " parent of every municipality in " + y);
                }
            }
            String unit = "SELECT parent_code FROM dim_region_parent WHERE hierarchy = 'politie' AND region_code = ";
            assertEquals("RE03", text(wh, unit + "'GM0457' AND 2022 BETWEEN valid_from AND valid_to"), "Weesp in Midden-Nederland (83287NED)");
            assertEquals("RE05", text(wh, unit + "'GM0363' AND 2023 BETWEEN valid_from AND valid_to"), "Amsterdam, Weesp included from 2023");
            assertEquals("RE08", text(wh, unit + "'GM0738'"), "Aalburg in Zeeland - West-Brabant (83287NED)");
            assertEquals("RE08", text(wh, unit + "'GM1959'"), "Altena carries its predecessors' unit");
            assertEquals("BT-TWENTE-MIDDEN", text(wh, unit + "'GM0164'"), "Twente's municipalities under their basisteam (seed 002)");
            // administrative: gemeente -> provincie -> landsdeel -> Nederland; Leerdam in Zuid-Holland until its merger in 2019
            assertEquals("PV28", text(wh, "SELECT parent_code FROM dim_region_parent WHERE hierarchy = 'bestuurlijk' AND region_code = 'GM0545'"));
            assertEquals("PV26", text(wh, "SELECT parent_code FROM dim_region_parent WHERE hierarchy = 'bestuurlijk' AND region_code = 'GM1961'"));
            assertEquals("LD02", text(wh, "SELECT parent_code FROM dim_region_parent WHERE region_code = 'PV23'"));
            assertEquals("NL01", text(wh, "SELECT parent_code FROM dim_region_parent WHERE region_code = 'LD02'"));
            assertEquals("eenheid", text(wh, "SELECT region_level FROM dim_region WHERE region_code = 'RE02'"));
            assertEquals("landsdeel", text(wh, "SELECT region_level FROM dim_region WHERE region_code = 'LD02'"));
        }
    }

    @Test
    void badReferenceRowsAreRejectedWithTheirLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            java.nio.file.Path regions = dir.resolve("my_regions.csv");
            java.nio.file.Files.writeString(regions, "region_code,region_name,region_level,valid_from,valid_to,aliases\n"
                    + "GMX-NIEUWDORP,Nieuwdorp,gemeente,2020,,\n"
                    + "PD-DELFLAND,Delfland,district,2013,,delfland (pd)\n");
            java.nio.file.Path members = dir.resolve("my_memberships.csv");
            java.nio.file.Files.writeString(members, "region_code,hierarchy,parent_code,valid_from,valid_to\n"
                    + "PD-DELFLAND,politie,RE06,2013,\n"
                    + "PD-DELFLAND,politie,RE66,2014,\n");
            List<FileResult> r = load(wh, regions, members);
            assertEquals(1, r.get(0).rowsRejected());
            assertTrue(r.get(0).firstRejects().get(0).contains("line 2, column 'region_code', value 'GMX-NIEUWDORP': expected a CBS code of level gemeente"),
                    r.get(0).firstRejects().toString());
            assertEquals(1, r.get(1).rowsLoaded());
            assertTrue(r.get(1).firstRejects().get(0).contains("line 3, column 'parent_code', value 'RE66': unknown parent area"), r.get(1).firstRejects().toString());
            assertEquals("RE06", text(wh, "SELECT parent_code FROM dim_region_parent WHERE region_code = 'PD-DELFLAND'"));
            assertEquals("PD-DELFLAND", new RegionResolver(Warehouse.dsl(wh.connection())).find("Delfland (PD)"));
        }
    }
}
