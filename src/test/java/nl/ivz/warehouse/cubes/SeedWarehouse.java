package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import org.jooq.DSLContext;

import java.nio.file.Path;
import java.util.List;

import static nl.ivz.warehouse.db.Tables.*;

/**
 * An in-memory warehouse with the bundled reference data (warehouse/sources/reference, loaded by the
 * Loader) plus the seed documents' own tables, number for number (seed 002 Bijlage 2 and section
 * 2.5.1, seed 000's response table, seed 002's plan matrix and burglary target).
 */
final class SeedWarehouse {
    private SeedWarehouse() { }

    static final String[] B2_THEMES = {"woonoverlast", "drugsoverlast", "overlast_verwarde_personen", "vernieling", "woninginbraak",
            "autokraak", "autodiefstal", "fietsendiefstal", "geweld", "winkeldiefstal", "bedrijfsinbraak", "overvallen",
            "veilig_uitgaan", "jeugdoverlast", "verkeersongeval_letsel", "verkeersongeval_materieel", "snelheid",
            "rijden_onder_invloed", "polarisatie_radicalisering", "georganiseerde_criminaliteit", "vreemdelingen"};

    /** Seed 002, Bijlage 2: "rate (rank)" per district, then the published total score; last row the unit. */
    static final String[] B2 = {
            "PD-IJSSELLAND|2,64 (1)|2,04 (3)|3,14 (3)|5,69 (2)|3,07 (1)|2,33 (1)|0,42 (2)|6,70 (3)|2,49 (3)|1,80 (3)|0,90 (3)|0,03 (2)|0,25 (5)|5,26 (4)|3,72 (2)|5,84 (3)|0,57 (5)|1,16 (2)|0,16 (4)|1,88 (1)|0,09 (2)|55",
            "PD-NOORD-EN-OOST-GELDERLAND|2,98 (3)|2,03 (2)|3,62 (5)|5,34 (1)|3,19 (2)|2,54 (3)|0,54 (3)|5,50 (1)|2,15 (1)|1,77 (2)|0,82 (2)|0,02 (1)|0,21 (4)|4,66 (3)|3,38 (1)|5,97 (4)|0,31 (2)|1,22 (3)|0,12 (3)|2,26 (4)|0,13 (3)|53",
            "PD-GELDERLAND-MIDDEN|3,38 (4)|2,19 (4)|3,42 (4)|5,94 (3)|3,83 (3)|4,06 (4)|1,04 (4)|6,22 (2)|2,50 (4)|2,49 (5)|1,16 (4)|0,02 (1)|0,14 (2)|3,87 (1)|3,98 (4)|4,75 (1)|0,44 (4)|1,31 (4)|0,08 (2)|2,09 (3)|0,82 (5)|68",
            "PD-GELDERLAND-ZUID|2,84 (2)|1,99 (1)|3,05 (2)|6,29 (5)|3,92 (4)|5,31 (5)|1,31 (5)|8,87 (4)|2,91 (5)|2,26 (4)|0,76 (1)|0,03 (2)|0,18 (3)|6,51 (5)|3,85 (3)|5,16 (2)|0,35 (3)|1,52 (5)|0,08 (2)|2,04 (2)|0,19 (4)|64",
            "PD-TWENTE|3,52 (5)|2,39 (5)|2,14 (1)|5,80 (3)|3,34 (3)|2,53 (2)|0,30 (1)|8,89 (5)|2,37 (2)|1,75 (1)|0,82 (2)|0,04 (3)|0,13 (1)|4,01 (2)|4,58 (5)|7,67 (5)|0,18 (1)|1,01 (1)|0,06 (1)|2,42 (5)|0,04 (1)|55",
            "RE02|3,09|2,13|3,11|5,78|3,46|3,30|0,71|7,09|2,45|2,01|0,90|0,03|0,18|4,78|3,88|5,89|0,36|1,24|0,10|2,16|0,26"};

    /** Seed 002, 2.5.1: crimes 2013, 2014, suspects 2013, 2014. */
    static final String[] CRIMES = {
            "PD-TWENTE|34649|30097|7797|8580", "PD-IJSSELLAND|24594|22284|6271|6625",
            "PD-NOORD-EN-OOST-GELDERLAND|37304|34275|8846|9515", "PD-GELDERLAND-MIDDEN|37549|33838|9118|10479",
            "PD-GELDERLAND-ZUID|32885|29034|6687|7111", "RE02|166987|149532|38725|42313"};

    /** Seed 000: municipality, respondents, extra needed, estimated cost, databank fee. */
    static final String[] IVM = {
            "GM0141|305|0|0|500", "GM0147|74|226|2100|250", "GM1774|103|197|1830|250", "GM0153|575|0|0|750",
            "GM0158|72|228|2115|250", "GM0163|114|186|1730|250", "GM0164|2912|0|0|500", "GM1735|116|184|1710|250",
            "GM0168|80|220|2050|250", "GM0173|110|190|1765|250", "GM1742|135|165|1535|250", "GM0183|69|231|2145|250",
            "GM1700|112|188|1745|250", "GM0189|97|203|1885|250"};

    static final String[] PLAN_THEMES = {"subjectieve_veiligheid", "woonoverlast", "woninginbraak", "fietsendiefstal", "geweld",
            "drugsoverlast", "zorg_en_veiligheid", "nazorg_detentie", "kvo_bedrijven", "veilig_uitgaan", "veilige_evenementen",
            "voetbalgeweld", "jeugdoverlast", "jeugdcriminaliteit", "jeugd_alcohol_drugs", "veiligheid_school",
            "verkeersveiligheid", "externe_veiligheid", "crisisbeheersing", "georganiseerde_criminaliteit", "polarisatie_radicalisering"};

    /** Seed 002, 2.2: the local plans' priority matrix as printed (marks per PLAN_THEMES column), last row the published totals. */
    static final String[] LOCAL_PLANS = {
            "Almelo||X|Hic||X|||X||X|X|X|X|||X|X|X|X|X|X",
            "Borne|X|X|X|X|||X|X||||||X|||X|||X|",
            "Dinkelland|X|X|X|X|||X|||||||X||X|||||",
            "Enschede|X||X||X|||X|||X|X|X|||X||||X|X",
            "Haaksbergen||X|X||X|X|X|X||||X||X||X||X|X|X|",
            "Hellendoorn|||X|X|X|||||||X||X|X|X|||||",
            "Hengelo|X|X|X|X|||X|X|X|X||||||||||X|X",
            "Hof van Twente||X||X||||||||||X|||||||",
            "Losser|||X||X|X||||||||X||X|||||",
            "Oldenzaal|X|X|X||||X|||||X||X|||||||",
            "Rijssen-Holtten|||X||X||X|X|X|||X|X|X|||||||",
            "Tubbergen|X|X|X|X|||X|||||||X||X|||||",
            "Twenterand|||X|X||X||||||X|X||||||||",
            "Wierden|X|X|X|X||||X||||X||X|X|||||X|",
            "Totaal|8|9|13|8|6|3|7|5|4|2|1|2|8|4|10|2|7|2|2|6|3"};

    /** Seed 002, 2.4: the partners' matrix; its 19 columns (woonoverlast and high impact crime share one printed label). */
    static final String[] PARTNER_THEMES = {"subjectieve_veiligheid", "woninginbraak", "fietsendiefstal", "geweld", "drugsoverlast",
            "zorg_en_veiligheid", "nazorg_detentie", "kvo_bedrijven", "veilig_uitgaan", "veilige_evenementen", "voetbalgeweld",
            "jeugdoverlast", "jeugdcriminaliteit", "jeugd_alcohol_drugs", "veiligheid_school", "verkeersveiligheid",
            "externe_veiligheid", "crisisbeheersing", "georganiseerde_criminaliteit"};
    static final String[] PARTNER_PLANS = {
            "Politie||X||X|||||||X|X||||||X|X",
            "Openbaar Ministerie||X||X|||||||X|X||||||X|X",
            "RIEC ON||||||||||||||||||X|",
            "Veiligheidshuis Twente|X|X||X||X|X||||||||||||",
            "Transities (w.o. Jeugdzorg)||X||||X|X|||||X|X||||||",
            "Toezicht en Handhaving Openbare Ruimte|X|||X|X||X|X|X||X||X||X||||",
            "Veiligheidsregio Twente|||||||||X|||||||X|X||"};

    static final String[] VM_SAMENWERKING = {
            "BT-TWENTE-WEST|2013|37.3|6.7", "BT-TWENTE-WEST|2015|34.8|5.9", "BT-TWENTE-NOORD|2013|25.0|6.0", "BT-TWENTE-NOORD|2015|28.9|5.9",
            "BT-TWENTE-MIDDEN|2013|26.3|4.1", "BT-TWENTE-MIDDEN|2015|28.6|3.6", "BT-ENSCHEDE|2013|24.2|4.8", "BT-ENSCHEDE|2015|23.4|4.9",
            "BT-NOORDOOST-TWENTE|2013|30.5|6.5", "BT-NOORDOOST-TWENTE|2015|34.0|5.5", "PD-TWENTE|2013|27.9|2.4", "PD-TWENTE|2015|29.0|2.3"};

    static Warehouse build() throws Exception {
        Warehouse wh = Warehouse.inMemory();
        wh.migrate();
        new Loader(wh, null).load(List.of(Path.of("warehouse/sources/reference")), LoadOptions.defaults());
        DSLContext dsl = wh.dsl();
        for (int y = 2007; y <= 2017; y++) {
            dsl.insertInto(DIM_PERIOD).set(DIM_PERIOD.PERIOD_CODE, y + "JJ00").set(DIM_PERIOD.PERIOD_YEAR, y)
                    .set(DIM_PERIOD.PERIOD_KIND, "jaar").set(DIM_PERIOD.PERIOD_LABEL, Integer.toString(y)).onConflictDoNothing().execute();
        }
        dsl.insertInto(DIM_MEASURE).set(DIM_MEASURE.MEASURE_CODE, "incidentie_per_1000_inw")
                .set(DIM_MEASURE.MEASURE_LABEL, "Incidentiecijfer per 1000 inwoners").set(DIM_MEASURE.UNIT, "per 1000 inwoners")
                .set(DIM_MEASURE.POLARITY, "hoger_slechter").set(DIM_MEASURE.DENOMINATOR, "inwoners").onConflictDoNothing().execute();
        for (String line : B2) {
            String[] f = line.split("\\|");
            for (int k = 0; k < B2_THEMES.length; k++) {
                String cell = f[k + 1];
                double rate = Double.parseDouble(cell.replaceAll(" \\(.*", "").replace(',', '.'));
                reg(dsl, f[0], "2014JJ00", B2_THEMES[k], "incidentie_per_1000_inw", rate);
                if (cell.contains("(")) {
                    pub(dsl, "rank", f[0], "2014JJ00", B2_THEMES[k], "incidentie_per_1000_inw", null,
                            Double.parseDouble(cell.replaceAll(".*\\((\\d+)\\)", "$1")));
                }
            }
            if (f.length > B2_THEMES.length + 1) {
                pub(dsl, "total_score", f[0], "2014JJ00", null, "incidentie_per_1000_inw", null, Double.parseDouble(f[B2_THEMES.length + 1]));
            }
        }
        for (String line : CRIMES) {
            String[] f = line.split("\\|");
            reg(dsl, f[0], "2013JJ00", "misdrijven_totaal", "geregistreerde_misdrijven", Double.parseDouble(f[1]));
            reg(dsl, f[0], "2014JJ00", "misdrijven_totaal", "geregistreerde_misdrijven", Double.parseDouble(f[2]));
            reg(dsl, f[0], "2013JJ00", "misdrijven_totaal", "verdachten", Double.parseDouble(f[3]));
            reg(dsl, f[0], "2014JJ00", "misdrijven_totaal", "verdachten", Double.parseDouble(f[4]));
        }
        pub(dsl, "change_pct", "PD-TWENTE", "2014JJ00", "misdrijven_totaal", "geregistreerde_misdrijven", null, -13);
        pub(dsl, "change_pct", "PD-TWENTE", "2014JJ00", "misdrijven_totaal", "verdachten", null, 10);
        pub(dsl, "change_pct", "RE02", "2014JJ00", "misdrijven_totaal", "geregistreerde_misdrijven", null, -10);
        pub(dsl, "change_pct", "RE02", "2014JJ00", "misdrijven_totaal", "verdachten", null, 9);
        // seed 002, 3.3.1: 2,085 burglaries in 2014; 5% down a year "gerekend vanaf 2013"; at most 1,895 (2015) and 1,800 (2016)
        reg(dsl, "PD-TWENTE", "2014JJ00", "woninginbraak", "geregistreerde_misdrijven", 2085);
        reg(dsl, "PD-TWENTE", "2007JJ00", "woninginbraak", "geregistreerde_misdrijven", 1521);
        dsl.insertInto(FCT_POLICY_TARGET).set(FCT_POLICY_TARGET.BATCH_ID, 0L).set(FCT_POLICY_TARGET.TARGET_CODE, "woninginbraak-twente-2015-2016")
                .set(FCT_POLICY_TARGET.THEME_CODE, "woninginbraak").set(FCT_POLICY_TARGET.REGION_CODE, "PD-TWENTE")
                .set(FCT_POLICY_TARGET.MEASURE_CODE, "geregistreerde_misdrijven").set(FCT_POLICY_TARGET.BASE_YEAR, 2013)
                .set(FCT_POLICY_TARGET.BASE_VALUE, 2100.0).set(FCT_POLICY_TARGET.YEARLY_CHANGE, -0.05).set(FCT_POLICY_TARGET.HORIZON_YEAR, 2016)
                .set(FCT_POLICY_TARGET.DESCRIPTION, "ieder jaar 5% minder woninginbraken gerekend vanaf 2013").execute();
        pub(dsl, "target", "PD-TWENTE", "2015JJ00", "woninginbraak", "geregistreerde_misdrijven", null, 1895);
        pub(dsl, "target", "PD-TWENTE", "2016JJ00", "woninginbraak", "geregistreerde_misdrijven", null, 1800);
        for (String line : IVM) {
            String[] f = line.split("\\|");
            dsl.insertInto(FCT_SURVEY_RESPONSE).set(FCT_SURVEY_RESPONSE.BATCH_ID, 0L).set(FCT_SURVEY_RESPONSE.REGION_CODE, f[0])
                    .set(FCT_SURVEY_RESPONSE.SURVEY_YEAR, 2013).set(FCT_SURVEY_RESPONSE.SURVEY_NAME, "IVM")
                    .set(FCT_SURVEY_RESPONSE.RESPONDENTS, Integer.parseInt(f[1])).set(FCT_SURVEY_RESPONSE.DATABANK_FEE, Double.parseDouble(f[4])).execute();
            pub(dsl, "extra_respondents", f[0], "2013JJ00", null, null, "IVM", Double.parseDouble(f[2]));
            pub(dsl, "cost", f[0], "2013JJ00", null, null, "IVM", Double.parseDouble(f[3]));
        }
        pub(dsl, "extra_respondents", null, "2013JJ00", null, null, "IVM", 2218);
        pub(dsl, "cost", null, "2013JJ00", null, null, "IVM", 20585);
        // 81928NED (real file): "Politie werkt goed samen met bewoners", value and 95% margin, 2013 and 2015
        dsl.insertInto(DIM_MEASURE).set(DIM_MEASURE.MEASURE_CODE, "vm_politie_samenwerking_bewoners")
                .set(DIM_MEASURE.MEASURE_LABEL, "Politie werkt goed samen met bewoners (% eens)").set(DIM_MEASURE.UNIT, "procent")
                .set(DIM_MEASURE.POLARITY, "hoger_beter").onConflictDoNothing().execute();
        for (String line : VM_SAMENWERKING) {
            String[] f = line.split("\\|");
            dsl.insertInto(FCT_SURVEY).set(FCT_SURVEY.BATCH_ID, 0L).set(FCT_SURVEY.REGION_CODE, f[0]).set(FCT_SURVEY.PERIOD_CODE, f[1] + "JJ00")
                    .set(FCT_SURVEY.MEASURE_CODE, "vm_politie_samenwerking_bewoners").set(FCT_SURVEY.THEME_CODE, "oordeel_politie")
                    .set(FCT_SURVEY.SOURCE_TABLE, "81928NED").set(FCT_SURVEY.VALUE, Double.parseDouble(f[2]))
                    .set(FCT_SURVEY.MARGIN, Double.parseDouble(f[3])).execute();
        }
        loadPlans(dsl, LOCAL_PLANS, PLAN_THEMES, "lokaal");
        loadPlans(dsl, PARTNER_PLANS, PARTNER_THEMES, "partner");
        return wh;
    }

    static void loadPlans(DSLContext dsl, String[] lines, String[] themes, String type) {
        for (String line : lines) {
            String[] f = line.split("\\|", -1);
            if (f[0].equals("Totaal")) {
                for (int k = 0; k < themes.length; k++) pub(dsl, "plan_count", null, null, themes[k], null, "lokale plannen Twente", Double.parseDouble(f[k + 1]));
                continue;
            }
            String code = type + "-" + RegionResolverSlug.slug(f[0]);
            String region = type.equals("lokaal") ? dsl.select(DIM_REGION_ALIAS.REGION_CODE).from(DIM_REGION_ALIAS)
                    .where(DIM_REGION_ALIAS.ALIAS.eq(f[0].toLowerCase())).fetchOne(DIM_REGION_ALIAS.REGION_CODE) : null;
            dsl.insertInto(DIM_PLAN).set(DIM_PLAN.PLAN_CODE, code).set(DIM_PLAN.PLAN_NAME, f[0]).set(DIM_PLAN.PLAN_TYPE, type)
                    .set(DIM_PLAN.OWNER_NAME, f[0]).set(DIM_PLAN.REGION_CODE, region).execute();
            for (int k = 0; k < themes.length; k++) {
                if (k + 1 < f.length && !f[k + 1].isBlank()) {
                    dsl.insertInto(FCT_PLAN_PRIORITY).set(FCT_PLAN_PRIORITY.BATCH_ID, 0L).set(FCT_PLAN_PRIORITY.PLAN_CODE, code)
                            .set(FCT_PLAN_PRIORITY.THEME_CODE, themes[k]).set(FCT_PLAN_PRIORITY.SOURCE_LABEL, themes[k])
                            .set(FCT_PLAN_PRIORITY.PRIORITY_KIND, "speerpunt").set(FCT_PLAN_PRIORITY.MARK, f[k + 1]).execute();
                }
            }
        }
    }

    static final class RegionResolverSlug {
        static String slug(String s) { return s.toUpperCase().replaceAll("[^A-Z0-9]+", "-"); }
    }

    static void reg(DSLContext dsl, String region, String period, String theme, String measure, double value) {
        dsl.insertInto(FCT_REGISTRATION).set(FCT_REGISTRATION.BATCH_ID, 0L).set(FCT_REGISTRATION.REGION_CODE, region)
                .set(FCT_REGISTRATION.PERIOD_CODE, period).set(FCT_REGISTRATION.THEME_CODE, theme).set(FCT_REGISTRATION.MEASURE_CODE, measure)
                .set(FCT_REGISTRATION.SOURCE_TABLE, "seed").set(FCT_REGISTRATION.SOURCE_CATEGORY, theme).set(FCT_REGISTRATION.VALUE, value).execute();
    }

    static void pub(DSLContext dsl, String kind, String region, String period, String theme, String measure, String subject, double value) {
        dsl.insertInto(FCT_PUBLISHED_FIGURE).set(FCT_PUBLISHED_FIGURE.BATCH_ID, 0L).set(FCT_PUBLISHED_FIGURE.SOURCE_TABLE, "seed")
                .set(FCT_PUBLISHED_FIGURE.FIGURE_KIND, kind).set(FCT_PUBLISHED_FIGURE.REGION_CODE, region)
                .set(FCT_PUBLISHED_FIGURE.PERIOD_CODE, period).set(FCT_PUBLISHED_FIGURE.THEME_CODE, theme)
                .set(FCT_PUBLISHED_FIGURE.MEASURE_CODE, measure).set(FCT_PUBLISHED_FIGURE.SUBJECT, subject)
                .set(FCT_PUBLISHED_FIGURE.VALUE, value).execute();
    }
}
