package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static nl.ivz.warehouse.db.Tables.FCT_SURVEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 81928NED (Veiligheidsmonitor burgers en politie, long with Marges rows): real values and margins. */
class VmLongLoaderTest {
    private static final java.nio.file.Path FILE = SurveyFixtures.VM.resolve("81928NED_cbsodata_labels_2012-2019.csv");

    private static double[] valueAndMargin(Warehouse wh, String region, String measure, String period) {
        var r = wh.dsl().select(FCT_SURVEY.VALUE, FCT_SURVEY.MARGIN).from(FCT_SURVEY)
                .where(FCT_SURVEY.REGION_CODE.eq(region), FCT_SURVEY.MEASURE_CODE.eq(measure), FCT_SURVEY.PERIOD_CODE.eq(period))
                .fetchSingle();
        return new double[] {r.value1(), r.value2()};
    }

    @Test
    void twenteDistrictAndBasisteamValuesWithMargins() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            List<FileResult> res = SurveyFixtures.load(wh, FILE);
            FileResult r = res.get(0);
            assertEquals("vm-long", r.layout());
            assertEquals(4158, r.rowsRead());
            assertEquals(0, r.rowsRejected());
            // line 1706 / 3785 of the file: Twente (PD), 2015, TotaleFunctionerenTevreden_38 = 30.8 +/- 1.8
            assertEquals(30.8, valueAndMargin(wh, "PD-TWENTE", "vm_functioneren_politie_tevreden", "2015JJ00")[0], 1e-9);
            assertEquals(1.8, valueAndMargin(wh, "PD-TWENTE", "vm_functioneren_politie_tevreden", "2015JJ00")[1], 1e-9);
            // VertrouwenInPolitieSchaalscore_51 = 6.4 +/- 0.1 (a score)
            assertEquals(6.4, valueAndMargin(wh, "PD-TWENTE", "vm_vertrouwen_politie_score", "2015JJ00")[0], 1e-9);
            assertEquals(0.1, valueAndMargin(wh, "PD-TWENTE", "vm_vertrouwen_politie_score", "2015JJ00")[1], 1e-9);
            // line 551 / 2630: Twente-Midden (BT), 2015: 29.6 +/- 2.8 and 6.2 +/- 0.2; ContactMetPolitie 24.5 +/- 2.8
            assertEquals(29.6, valueAndMargin(wh, "BT-TWENTE-MIDDEN", "vm_functioneren_politie_tevreden", "2015JJ00")[0], 1e-9);
            assertEquals(2.8, valueAndMargin(wh, "BT-TWENTE-MIDDEN", "vm_functioneren_politie_tevreden", "2015JJ00")[1], 1e-9);
            assertEquals(6.2, valueAndMargin(wh, "BT-TWENTE-MIDDEN", "vm_vertrouwen_politie_score", "2015JJ00")[0], 1e-9);
            assertEquals(24.5, valueAndMargin(wh, "BT-TWENTE-MIDDEN", "vm_contact_politie_eigen_gemeente", "2015JJ00")[0], 1e-9);
            assertEquals(2.8, valueAndMargin(wh, "BT-TWENTE-MIDDEN", "vm_contact_politie_eigen_gemeente", "2015JJ00")[1], 1e-9);
            // the indicator implies the theme "burgers en politie"
            assertEquals("oordeel_politie", wh.dsl().select(FCT_SURVEY.THEME_CODE).from(FCT_SURVEY)
                    .where(FCT_SURVEY.REGION_CODE.eq("PD-TWENTE")).limit(1).fetchOne(FCT_SURVEY.THEME_CODE));
        }
    }

    @Test
    void unknownDistrictsAreCreatedAndReportedAndGroupsSkipped() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            FileResult r = SurveyFixtures.load(wh, FILE).get(0);
            // 42 districts "(PD)" in the file, 5 of them (Oost-Nederland) in the bundled reference, plus Amsterdam-Centrum/-Noord,
            // which 81928NED writes without "(PD)" and the reference holds
            assertEquals(37, SurveyFixtures.value(wh,
                    "select count(*) from dim_region where region_level = 'district' and not is_known"));
            assertEquals(43, SurveyFixtures.value(wh,
                    "select count(distinct s.region_code) from fct_survey s join dim_region d using (region_code) where d.region_level = 'district'"));
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("not in the bundled hierarchy")), r.notes().toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("G40")), r.notes().toString());
            // plain "Amsterdam" is the municipality GM0363, not the police unit Amsterdam (RE05): 2013-2017 and 2019 (its 2012 line is empty)
            assertEquals(6, SurveyFixtures.value(wh, "select count(distinct period_code) from fct_survey where region_code = 'GM0363'"));
            assertEquals(0, SurveyFixtures.value(wh, "select count(*) from dim_region where region_code like 'GMX-%'"));
            // loading the same file again adds nothing
            SurveyFixtures.load(wh, FILE);
            assertEquals(r.rowsLoaded(), SurveyFixtures.value(wh, "select count(*) from fct_survey"));
        }
    }
}
