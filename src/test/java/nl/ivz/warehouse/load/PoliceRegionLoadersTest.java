package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The IVM and registered crime per old police region (80169NED, 80344NED, feelings of unsafety): the 25
 * politieregio's are areas of their own level, valid until 2012, not today's districts of the same name.
 * Expected values are read by hand from the bundled files (grep of the quoted lines, cited per assertion).
 */
class PoliceRegionLoadersTest {
    static final Path DIR = SOURCES.resolve("politieregio");

    @Test
    void loadsTheThreeLayoutsOntoThePoliceRegions() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            var results = load(wh, DIR);
            assertEquals("ivm-slachtoffer-politieregio", results.get(0).layout());
            assertEquals(520, results.get(0).rowsRead(), "26 areas x 4 years x 5 crime groups");
            assertEquals("cbs-crime-politieregio", results.get(1).layout());
            assertEquals(756, results.get(1).rowsRead(), "27 areas x 7 years x 4 crime groups");
            assertEquals("ivm-onveiligheid-politieregio", results.get(2).layout());
            assertEquals(936, results.get(2).rowsLoaded(), "26 areas x 4 years x 9 indicators");
            for (FileResult f : results) assertEquals(0, f.rowsRejected(), f.file());

            assertEquals("politieregio|1994|2012|true", text(wh, "SELECT region_level || '|' || valid_from || '|' || valid_to || '|' || is_known "
                    + "FROM dim_region WHERE region_code = 'PO-TWENTE'"));
            assertEquals(25, number(wh, "SELECT count(*) FROM dim_region WHERE region_level = 'politieregio' AND is_known"));
            assertEquals(0, number(wh, "SELECT count(*) FROM fct_survey WHERE region_code = 'PD-TWENTE'"), "not today's district Twente");

            // "2008*";"Twente (PO)";...;"Geweldsdelicten totaal";"% slachtoffer";"5.5"
            String survey = "SELECT value FROM fct_survey WHERE region_code = 'PO-TWENTE' AND source_table = '80169NED' AND measure_code = ";
            assertEquals(5.5, number(wh, survey + "'ivm_slachtoffer_geweld' AND period_code = '2008JJ00'"));
            assertEquals(4.2, number(wh, survey + "'ivm_slachtoffer_geweld' AND period_code = '2011JJ00'"));
            // "Twente (PO)";"3 Gewelds- en seksuele misdrijven";"2011*";"3700";"5.9";"2385";"64.5"
            String crime = "SELECT value FROM fct_registration WHERE region_code = 'PO-TWENTE' AND source_table = '80344NED' "
                    + "AND theme_code = 'geweld' AND period_code = '2011JJ00' AND measure_code = ";
            assertEquals(3700, number(wh, crime + "'geregistreerde_misdrijven'"));
            assertEquals(5.9, number(wh, crime + "'misdrijven_per_1000_inw'"));
            assertEquals(2385, number(wh, crime + "'opgehelderde_misdrijven'"));
            assertEquals(64.5, number(wh, crime + "'ophelderingspercentage'"));
            // Misdrijven, totaal 2010: Nederland 1,192,640; the 25 regions and "Niet in te delen (PO)" add up to 1,192,650 (counts rounded to 5)
            String total = "SELECT sum(value) FROM fct_registration r JOIN dim_region d USING (region_code) WHERE r.source_table = '80344NED' "
                    + "AND r.theme_code = 'misdrijven_totaal' AND r.period_code = '2010JJ00' AND r.measure_code = 'geregistreerde_misdrijven' AND ";
            assertEquals(1_192_640, number(wh, total + "d.region_code = 'NL01'"));
            assertEquals(1_192_650, number(wh, total + "d.region_level = 'politieregio'"));
            assertEquals(0, number(wh, "SELECT is_known::int FROM dim_region WHERE region_code = 'PO-NIET-IN-TE-DELEN'"));
            // "Twente (PO)";"2011";"21.0";"1.7";"14.3";... (wel eens onveilig, vaak onveilig, wel eens onveilig in eigen buurt)
            String unsafe = "SELECT value FROM fct_survey WHERE region_code = 'PO-TWENTE' AND period_code = '2011JJ00' AND measure_code = ";
            assertEquals(21.0, number(wh, unsafe + "'ivm_onveilig_wel_eens'"));
            assertEquals(14.3, number(wh, unsafe + "'ivm_onveilig_buurt_wel_eens'"));
            assertEquals("subjectieve_veiligheid", text(wh, "SELECT DISTINCT theme_code FROM fct_survey WHERE measure_code = 'ivm_onveilig_wel_eens'"));
        }
    }
}
