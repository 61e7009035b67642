package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import static nl.ivz.warehouse.load.PoliceLoadSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** The province-wide reshaped 83648NED file: '||' topic indents and '*' provisional years in column names. */
class ProvinceWideCrimeLoaderTest {
    @Test
    void loadsProvincesWithProvisionalYears() throws Exception {
        try (Warehouse wh = warehouseWithReference()) {
            load(wh, POLITIE.resolve("47025NED_RegioS.csv"), CBS.resolve("84489NED_TypedDataSet_woonplaatsen_2019.json"));
            FileResult f = load(wh, POLITIE.resolve("83648NED_provincie_wide_2014-2017.csv")).get(0);
            assertEquals("cbs-crime-wide", f.layout());
            assertEquals(76, f.rowsRead());
            assertEquals(76 * 168, f.rowsLoaded());
            String q = "SELECT value FROM fct_registration WHERE source_category = 'Misdrijven, totaal' AND ";
            assertEquals(54_065, number(wh, q + "region_code = 'PV23' AND period_code = '2014JJ00' AND measure_code = 'geregistreerde_misdrijven'"));
            assertEquals(43_215, number(wh, q + "region_code = 'PV23' AND period_code = '2017JJ00' AND measure_code = 'geregistreerde_misdrijven'"));
            assertEquals(271_355, number(wh, q + "region_code = 'NL01' AND period_code = '2014JJ00' AND measure_code = 'opgehelderde_misdrijven'"));
            assertEquals(245_005, number(wh, q + "region_code = 'NL01' AND period_code = '2017JJ00' AND measure_code = 'verdachten'"));
            assertEquals("voorlopig", text(wh, "SELECT period_status FROM dim_period WHERE period_code = '2016JJ00'"));
            assertEquals("definitief", text(wh, "SELECT period_status FROM dim_period WHERE period_code = '2015JJ00'"));
            // Friesland (PV) is Fryslan in the police code list and Friesland in 84489NED: one area, the other name an alias
            assertEquals(1, number(wh, "SELECT count(DISTINCT region_code) FROM fct_registration WHERE region_code = 'PV21'"));
            // dotted CBS groups map to themes: 1.1.1 Diefstal en inbraak met geweld -> CRI1110
            assertEquals("vermogensmisdrijven", text(wh, "SELECT DISTINCT theme_code FROM fct_registration WHERE source_category = '1.1.1 Diefstal en inbraak met geweld'"));
            // national total vs the 8 main groups: 1,025,630 published; the 8 groups sum to exactly that (summed by hand)
            assertEquals(1_025_630, number(wh, "SELECT published_total FROM v_reconcile_category_total WHERE region_code = 'NL01' "
                    + "AND period_code = '2014JJ00' AND measure_code = 'geregistreerde_misdrijven'"));
            assertEquals(0, number(wh, "SELECT difference FROM v_reconcile_category_total WHERE region_code = 'NL01' "
                    + "AND period_code = '2014JJ00' AND measure_code = 'geregistreerde_misdrijven'"));
            assertEquals(8, number(wh, "SELECT groups_summed FROM v_reconcile_category_total WHERE region_code = 'NL01' "
                    + "AND period_code = '2014JJ00' AND measure_code = 'geregistreerde_misdrijven'"));
        }
    }
}
