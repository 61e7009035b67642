package nl.ivz.warehouse.sources;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 03759ned (OData v4); the fixture is warehouse/sources/cbs/03759ned/ with the observations and RegioS codes of
 * NL01, PV23 and GM0153 only.
 */
class ODataV4DatasetTest {
    static final Path INDEX = ReaderFixtures.fixture("odata-v4", "03759ned/index.json");

    @Test
    void readsIndexCodesAndObservations() throws Exception {
        assertTrue(ODataV4Dataset.isIndex(SourceText.head(INDEX)));
        ODataV4Dataset ds = ODataV4Dataset.open(INDEX, SourceText.head(INDEX));
        assertEquals("03759ned", ds.tableId());
        assertEquals("Enschede", ds.codes("codes-RegioS").get("GM0153").title());
        List<ODataV4Dataset.Observation> obs = new ArrayList<>();
        ds.observations(obs::add);
        ODataV4Dataset.Observation first = obs.get(0);
        // the first observation of the page: population of Nederland on 1 January 2019
        assertEquals("M000352", first.measure());
        assertEquals(17282163.0, first.value());
        assertEquals("NL01", first.dims().get("RegioS"));
        assertEquals("2019JJ00", first.dims().get("Perioden"));
        assertTrue(obs.stream().allMatch(o -> List.of("NL01", "PV23", "GM0153").contains(o.dims().get("RegioS"))));
    }

    @Test
    void aPartOfTheDatasetPointsToItsIndex() {
        Path page = ReaderFixtures.fixture("odata-v4", "03759ned/observations-page-1.json");
        assertEquals(INDEX.toAbsolutePath().normalize(), ODataV4Dataset.indexOf(page).normalize());
    }
}
