package nl.ivz.warehouse.cli;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** After loading everything ivz demo loads, every municipality has its real CBS code: no made-up GMX- codes. */
class DemoGeographyTest {
    @Test
    void everyMunicipalityOfTheDemoHasACbsCode() throws Exception {
        try (Warehouse wh = Warehouse.inMemory()) {
            wh.migrate();
            new Loader(wh, null).load(List.of(Path.of("warehouse/sources")), LoadOptions.defaults());
            try (Statement st = wh.connection().createStatement()) {
                ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE NOT regexp_full_match(region_code, 'GM[0-9]{4}')), "
                        + "string_agg(region_code, ', ') FILTER (WHERE NOT regexp_full_match(region_code, 'GM[0-9]{4}')) "
                        + "FROM dim_region WHERE region_level = 'gemeente'");
                rs.next();
                // 463 municipalities of 2010-2026 (geography_gemeenten.csv) plus CBS's GM0998 Buitenland and GM0999 Gemeenten; niet in te delen
                assertEquals(465, rs.getLong(1));
                assertEquals(0, rs.getLong(2), rs.getString(3));
                rs = st.executeQuery("SELECT count(*) FROM fct_registration f JOIN dim_region r USING (region_code) "
                        + "WHERE r.region_level = 'gemeente' AND f.source_table = '83648NED' AND f.period_code = '2013JJ00' "
                        + "AND f.theme_code = 'misdrijven_totaal' AND f.measure_code = 'geregistreerde_misdrijven'");
                rs.next();
                // counted in the file: 409 non-empty 2013 totals = the 408 municipalities of 1 January 2013 + "Niet-gemeentelijk ingedeeld" (GM0999)
                assertEquals(409, rs.getLong(1));
            }
        }
    }
}
