package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.DataVersion;
import nl.ivz.warehouse.core.Warehouse;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parameter resolution against the dimensions held in memory, on a warehouse of a few real areas: the police district
 * Twente (PD-TWENTE) and the police region Twente that ended in 2012 (PO-TWENTE, 25 politieregio's), the unit
 * Oost-Nederland (RE02, bundled) and a landsdeel of the same name a data file brought in (LD02, not known), the
 * municipality Súdwest-Fryslân (GM1900, CBS spells it with accents) and the alias "enschede (gemeente)" of GM0153.
 */
class LookupTest {
    static Warehouse wh;
    static DSLContext dsl;

    @BeforeAll
    static void setUp() throws Exception {
        wh = Warehouse.inMemory();
        wh.migrate();
        try (Statement st = wh.connection().createStatement()) {
            st.execute("INSERT INTO dim_region (region_code, region_name, region_level, valid_from, valid_to, is_known) VALUES "
                    + "('NL01', 'Nederland', 'land', 1900, 9999, true), ('RE02', 'Oost-Nederland', 'eenheid', 2013, 9999, true),"
                    + "('LD02', 'Oost-Nederland', 'landsdeel', 1900, 9999, false), ('PD-TWENTE', 'Twente', 'district', 2013, 9999, true),"
                    + "('PO-TWENTE', 'Twente', 'politieregio', 1900, 2012, true), ('GM0153', 'Enschede', 'gemeente', 1900, 9999, true),"
                    + "('GM1900', 'Súdwest-Fryslân', 'gemeente', 2011, 9999, true), ('GM0150', 'Deventer', 'gemeente', 1900, 9999, true),"
                    + "('GM9998', 'Deventer', 'gemeente', 1900, 9999, true)");
            st.execute("INSERT INTO dim_region_alias VALUES ('enschede (gemeente)', 'GM0153')");
            st.execute("INSERT INTO dim_theme VALUES ('woninginbraak', 'Woninginbraak', 1, 'Veilige woon- en leefomgeving', NULL),"
                    + "('fietsendiefstal', 'Fietsendiefstal', 1, 'Veilige woon- en leefomgeving', NULL)");
            st.execute("INSERT INTO dim_measure VALUES ('geregistreerde_misdrijven', 'Geregistreerde misdrijven', 'aantal', 'hoger_slechter', NULL, NULL, NULL)");
            st.execute("INSERT INTO dim_period VALUES ('2013JJ00', 2013, NULL, 'jaar', '2013', 'definitief'), "
                    + "('2014JJ00', 2014, NULL, 'jaar', '2014', 'definitief'), ('2014MM01', 2014, 1, 'maand', '2014 januari', 'definitief')");
        }
        dsl = wh.dsl();
    }

    @AfterAll
    static void tearDown() throws Exception {
        wh.close();
    }

    static String area(String raw) throws CubeException {
        return Lookup.area(dsl, "area", raw).code();
    }

    @Test
    void areasByCodeAliasNameAndLevelSuffix() throws Exception {
        assertEquals("PD-TWENTE", area("pd-twente"));
        assertEquals("GM0153", area("gm0153 "));
        assertEquals("GM0153", area("Enschede (gemeente)"), "the alias, as sources write it");
        assertEquals("PD-TWENTE", area("Twente (PD)"));
        assertEquals("PO-TWENTE", area("Twente (PO)"), "the suffix names the level (AreaLevel.ofSuffix)");
        assertEquals("LD02", area("Oost-Nederland (LD)"));
        // accents and straight quotes are the second try (AreaLabel.fold)
        assertEquals("GM1900", area("Sudwest-Fryslan"));
    }

    @Test
    void sameNamesResolveToTheKnownThenTheCurrentArea() throws Exception {
        assertEquals("RE02", area("Oost-Nederland"), "the bundled unit, not the landsdeel a file brought in");
        assertEquals("PD-TWENTE", area("Twente"), "the district that exists, not the politieregio that ended in 2012");
        CubeException e = assertThrows(CubeException.class, () -> area("Deventer"));
        assertEquals("area", e.parameter());
        assertTrue(e.getMessage().contains("is ambiguous: Deventer (gemeente, GM0150), Deventer (gemeente, GM9998)"), e.getMessage());
    }

    @Test
    void unknownValuesNameTheCloseMatches() {
        CubeException a = assertThrows(CubeException.class, () -> area("Enschde"));
        assertTrue(a.getMessage().startsWith("Unknown area 'Enschde' for parameter 'area'; did you mean: Enschede"), a.getMessage());
        CubeException l = assertThrows(CubeException.class, () -> Lookup.level(dsl, "level", "distrct"));
        assertTrue(l.getMessage().contains("did you mean: district?")
                && l.getMessage().endsWith("levels: district, eenheid, gemeente, land, landsdeel, politieregio"), l.getMessage());
        CubeException t = assertThrows(CubeException.class, () -> Lookup.themes(dsl, "themes", "woninginbraak, fietsdiefstal"));
        assertTrue(t.getMessage().contains("Unknown theme 'fietsdiefstal'") && t.getMessage().contains("fietsendiefstal"), t.getMessage());
        CubeException y = assertThrows(CubeException.class, () -> Lookup.year("year", "2017", Lookup.years(dsl)));
        assertTrue(y.getMessage().endsWith("nearest years with data: 2013, 2014"), y.getMessage());
    }

    @Test
    void themesMeasuresAndYears() throws Exception {
        assertEquals(List.of("woninginbraak", "fietsendiefstal"), Lookup.themes(dsl, "themes", "Woninginbraak,fietsendiefstal"));
        assertEquals("geregistreerde_misdrijven", Lookup.measure(dsl, "indicator", "Geregistreerde misdrijven"));
        assertEquals(List.of(2013, 2014), Lookup.years(dsl), "whole years only, not the month");
    }

    @Test
    void aNewAreaIsSeenAfterALoadCommits() throws Exception {
        assertThrows(CubeException.class, () -> area("Hengelo (O.)"));
        try (Statement st = wh.connection().createStatement()) {
            st.execute("INSERT INTO dim_region (region_code, region_name, region_level) VALUES ('GM0164', 'Hengelo (O.)', 'gemeente')");
        }
        // the connection keeps its copy until a load commits (the loader bumps the data version after its commit)
        assertThrows(CubeException.class, () -> area("Hengelo (O.)"));
        DataVersion.bump();
        assertEquals("GM0164", area("Hengelo (O.)"), "CBS's name with its own brackets, not a level suffix");
    }
}
