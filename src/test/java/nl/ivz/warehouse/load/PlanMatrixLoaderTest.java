package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 002, 2.2 (14 local plans x 21 themes with its Totaal line) and 2.4 (7 partners). */
class PlanMatrixLoaderTest {
    private static final java.nio.file.Path LOCAL = SurveyFixtures.SEEDS.resolve("seed002_2.2_lokale_plannen_prioriteiten.csv");
    private static final java.nio.file.Path PARTNERS = SurveyFixtures.SEEDS.resolve("seed002_2.4_partners_prioriteiten.csv");

    @Test
    void marksCountedAgainstThePublishedTotaalLine() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            FileResult r = SurveyFixtures.load(wh, LOCAL).get(0);
            assertEquals(14, SurveyFixtures.value(wh, "select count(*) from dim_plan where plan_type = 'lokaal'"));
            // "Rijssen-Holtten" (typo in the seed) is Rijssen-Holten
            assertEquals(1, SurveyFixtures.value(wh, "select count(*) from dim_plan where plan_code = 'IVP-GM1742-2013'"));
            assertEquals("Hic", wh.dsl().fetchValue("select mark from fct_plan_priority where plan_code = 'IVP-GM0141-2013'"
                    + " and theme_code = 'woninginbraak'"));
            // counted marks vs the published Totaal per column label, read from the warehouse
            Map<String, double[]> byLabel = new TreeMap<>();
            wh.dsl().fetch("select p.subject, p.value, (select count(*) from fct_plan_priority f where 'lokaal: ' || f.source_label = p.subject)"
                    + " from fct_published_figure p where p.figure_kind = 'plan_count'")
                    .forEach(x -> byLabel.put(((String) x.get(0)).substring("lokaal: ".length()),
                            new double[] {((Number) x.get(1)).doubleValue(), ((Number) x.get(2)).doubleValue()}));
            assertEquals(21, byLabel.size());
            Map<String, String> differ = new TreeMap<>();
            byLabel.forEach((label, pc) -> {
                if (pc[0] != pc[1]) differ.put(label, (int) pc[0] + " vs " + (int) pc[1]);
            });
            // published vs counted: the text version of the matrix lost its alignment from column 8 on
            assertEquals(Map.of(
                    "Subjectieve veiligheid (burger participatie en zelfredzaamheid)", "8 vs 7",
                    "BI/Nazorg detentie", "5 vs 7",
                    "KVO Bedrijven en winkelcentra", "4 vs 2",
                    "Veilige evenementen", "1 vs 2",
                    "Voetbalgeweld", "2 vs 8",
                    "Jeugdoverlast", "8 vs 4",
                    "Jeugdcriminaliteit / individuele probleemjongeren", "4 vs 10",
                    "Jeugd, alcohol en drugs", "10 vs 2",
                    "Veiligheid in en om de school (pesten, social media, grooming)", "2 vs 7",
                    "Verkeersveiligheid", "7 vs 2"), differ);
            assertEquals(13, byLabel.get("Woninginbraken (HIC = overvallen en straatroof)")[1]);
            assertTrue(r.notes().get(0).contains("differs from the marks counted in 10 of 21 columns"), r.notes().toString());
        }
    }

    @Test
    void partnerMatrix() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            SurveyFixtures.load(wh, PARTNERS);
            assertEquals(7, SurveyFixtures.value(wh, "select count(*) from dim_plan where plan_type = 'partner'"));
            assertEquals(35, SurveyFixtures.value(wh, "select count(*) from fct_plan_priority"));
            List<String> riec = wh.dsl().fetch("select theme_code from fct_plan_priority where plan_code = 'PARTNER-RIEC-ON'")
                    .getValues(0, String.class);
            assertEquals(List.of("crisisbeheersing"), riec); // as positioned in the text (see README: likely shifted)
            assertEquals(6, SurveyFixtures.value(wh, "select count(*) from fct_plan_priority where plan_code = 'PARTNER-POLITIE'"));
        }
    }
}
