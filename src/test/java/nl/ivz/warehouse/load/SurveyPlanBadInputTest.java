package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed input for the VM and plan/seed layouts: each fault stops the load (row faults with --strict) with
 * a message naming file, line, column and value, and leaves the warehouse exactly as it was. A valid file in
 * the same call is rolled back too.
 */
class SurveyPlanBadInputTest {
    private static final List<String> TABLES = List.of("fct_survey", "fct_registration", "fct_published_figure", "fct_plan_priority",
            "fct_plan_cycle", "fct_policy_target", "fct_population", "fct_survey_response", "dim_plan", "dim_region", "dim_period",
            "dim_measure", "load_batch", "load_rejected_row");
    private static final String PLAN_HEADER = "gemeente,plan_from,plan_to,Fietsendiefstal,Verkeersveiligheid\n";

    @TempDir
    static Path dir;
    private static Warehouse wh;

    @BeforeAll
    static void open() throws Exception {
        wh = SurveyFixtures.warehouse();
    }

    @AfterAll
    static void close() throws Exception {
        wh.close();
    }

    /** name, file name, content, --format (or null), strict, fragments the message must contain */
    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("VM long without a Marges column", "vm_81928NED_nomarges.csv",
                        "ID,RegioS,Perioden,Totaal_21\n0,Twente (PD),2015,60.4\n", "vm-long", false,
                        List.of("line 1", "column 'Marges'", "a column named 'Marges'")),
                Arguments.of("VM long margin row without its value row", "vm_81928NED_orphan.csv",
                        "ID,Marges,RegioS,Perioden,Totaal_21\n0,Betrouwbaarheidsmarge,Twente (PD),2015,2.1\n", null, true,
                        List.of("line 2", "column 'Marges'", "without a Waarde row for Twente (PD) 2015")),
                Arguments.of("VM long text in a value cell", "vm_81928NED_text.csv",
                        "ID,Marges,RegioS,Perioden,Totaal_21\n0,Waarde,Twente (PD),2015,zestig\n1,Betrouwbaarheidsmarge,Twente (PD),2015,2.1\n",
                        null, true, List.of("line 2", "column 'Totaal_21'", "value 'zestig'", "expected a number with a decimal point")),
                Arguments.of("VM long decimal comma instead of point", "vm_81928NED_comma.csv",
                        "ID,Marges,RegioS,Perioden,Totaal_21,Totaal_27\n0,Waarde,Twente (PD),2015,\"60,4\",17.4\n", null, true,
                        List.of("line 2", "column 'Totaal_21'", "value '60,4'")),
                Arguments.of("VM long unknown Marges kind", "vm_81928NED_kind.csv",
                        "ID,Marges,RegioS,Perioden,Totaal_21\n0,Ondergrens,Twente (PD),2015,58.3\n", null, true,
                        List.of("line 2", "column 'Marges'", "value 'Ondergrens'", "expected 'Waarde' or 'Betrouwbaarheidsmarge'")),
                Arguments.of("VM long truncated line", "vm_81928NED_cut.csv",
                        "ID,Marges,RegioS,Perioden,Totaal_21,Totaal_27\n0,Waarde,Twente (PD),2015,60.4\n", null, false,
                        List.of("line 2", "column 'Totaal_27'", "6 fields as in the header, found 5")),
                Arguments.of("VM wide margin column without value column", "vm_wide_nomatch.csv",
                        "Onderwerp,Perioden,Waarde_Overijssel (PV)_2015,Marges_Overijssel (PV)_2015,Marges_Gelderland (PV)_2015\n"
                                + "Voelt zich wel eens onveilig,%,\"31,7\",\"1,5\",\"1,2\"\n", null, false,
                        List.of("line 1", "column 'Marges_Gelderland (PV)_2015'", "a Waarde_Gelderland (PV)_2015 column")),
                Arguments.of("VM wide column that is neither Waarde_ nor Marges_", "vm_wide_badcol.csv",
                        "Onderwerp,Perioden,Waarde_Overijssel (PV)_2015,Marges_Overijssel (PV)_2015,Overijssel 2016\n"
                                + "Voelt zich wel eens onveilig,%,\"31,7\",\"1,5\",\"31,8\"\n", null, false,
                        List.of("line 1", "column 'Overijssel 2016'", "Waarde_<area>_<year>")),
                Arguments.of("VM wide negative margin", "vm_wide_negative.csv",
                        "Onderwerp,Perioden,Waarde_Overijssel (PV)_2015,Marges_Overijssel (PV)_2015\n"
                                + "Voelt zich wel eens onveilig,%,\"31,7\",\"-1,5\"\n", null, true,
                        List.of("line 2", "column 'Marges_Overijssel (PV)_2015'", "value '-1,5'", "cannot be negative")),
                Arguments.of("VM bounds: value outside its interval", "vm_bounds_outside.csv",
                        "vm_table,area,period,indicator,value,lower_bound,upper_bound,respondents\n"
                                + "81928NED,Twente (PD),2015,TotaleFunctionerenTevreden_38,\"30,8\",\"31,0\",\"32,6\",\n", null, true,
                        List.of("line 2", "column 'value'", "value '30,8'", "lower_bound <= value <= upper_bound")),
                Arguments.of("plan matrix with an unknown theme label", "plan_unknown_theme.csv",
                        "gemeente,plan_from,plan_to,Fietsendiefstal,Ondermijning in het buitengebied\nBorne,2013,2016,X,X\n", null, false,
                        List.of("line 1", "column 'Ondermijning in het buitengebied'", "theme_mappings_plans.csv")),
                Arguments.of("plan matrix Totaal line that does not parse", "plan_bad_total.csv",
                        PLAN_HEADER + "Borne,2013,2016,X,\nTotaal,,,acht,7\n", null, true,
                        List.of("line 3", "column 'Fietsendiefstal'", "value 'acht'", "whole number in the Totaal line")),
                Arguments.of("plan matrix plan year that is not a year", "plan_bad_year.csv",
                        PLAN_HEADER + "Borne,twintig,2016,X,\n", null, true,
                        List.of("line 2", "column 'plan_from'", "value 'twintig'", "expected a year")),
                Arguments.of("rank table cell without a value", "rank_bad_cell.csv",
                        "area,period,measure,Woonoverlast,Drugoverlast,total_score\nTwente,2014,incidentie_per_1000_inw,\"3,52 (5)\",n.b.,55\n",
                        null, true, List.of("line 2", "column 'Drugoverlast'", "value 'n.b.'", "'2,64 (1)'")),
                Arguments.of("rank table with a label that maps to no theme", "rank_bad_label.csv",
                        "area,period,measure,Woonoverlast,Cybercrime\nTwente,2014,incidentie_per_1000_inw,\"3,52 (5)\",\"1,00 (1)\"\n",
                        null, false, List.of("line 1", "column 'Cybercrime'", "source_system 'incidentie'")),
                Arguments.of("registration series with an unknown theme code", "series_bad_theme.csv",
                        "area,period,theme,measure,source_category,value\nTwente,2014,inbraak,geregistreerde_misdrijven,Woninginbraken,2.085\n",
                        null, true, List.of("line 2", "column 'theme'", "value 'inbraak'", "unknown theme code")),
                Arguments.of("published change that is not a percentage", "published_bad_pct.csv",
                        "area,period,theme,measure,figure_kind,subject,value\nTwente,2014,misdrijven_totaal,geregistreerde_misdrijven,change_pct,x,min dertien\n",
                        null, true, List.of("line 2", "column 'value'", "value 'min dertien'", "'- 13%'")),
                Arguments.of("target with a yearly change in words", "target_bad_change.csv",
                        "target_code,theme,area,measure,base_year,base_value,yearly_change,horizon_year,description\n"
                                + "t1,woninginbraak,Twente,geregistreerde_misdrijven,2013,2.100,vijf procent minder,2016,\n", null, true,
                        List.of("line 2", "column 'yearly_change'", "value 'vijf procent minder'", "'-5%'")),
                Arguments.of("survey response with text respondents", "response_bad.csv",
                        "survey_name,survey_year,area,respondents,extra_needed,estimated_cost,databank_fee\nIVM,2013,Borne,vierenzeventig,226,2100,250\n",
                        null, true, List.of("line 2", "column 'respondents'", "value 'vierenzeventig'")),
                Arguments.of("policy cycle with a column that is not a year", "cycle_bad.csv",
                        "plan_type,2013,2014,volgende periode\nLokale veiligheidsplannen,Red,Red,Blue\n", null, false,
                        List.of("line 1", "column 'volgende periode'", "a year")),
                Arguments.of("population with a date that is not a date", "population_bad_date.csv",
                        "area,period,measure,reference_date,value\nTwente,2014,inwoners,1 mei 2014,626.092\n", null, true,
                        List.of("line 2", "column 'reference_date'", "value '1 mei 2014'", "yyyy-mm-dd")));
    }

    private static List<Long> counts() {
        List<Long> c = new ArrayList<>();
        for (String t : TABLES) c.add(((Number) wh.dsl().fetchValue("select count(*) from " + t)).longValue());
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultStopsTheLoadAndChangesNothing(String name, String fileName, String content, String format, boolean strict,
                                            List<String> fragments) throws Exception {
        Path bad = dir.resolve(fileName);
        Files.writeString(bad, content, StandardCharsets.UTF_8);
        Path good = SurveyFixtures.SEEDS.resolve("seed000_beleidscyclus.csv");
        List<Long> before = counts();
        // --format applies to every file of a call, so a forced layout is tried on the bad file alone
        Path[] files = format == null ? new Path[] {good, bad} : new Path[] {bad};
        LoadException e = assertThrows(LoadException.class, () -> SurveyFixtures.load(wh, new LoadOptions(format, strict), files));
        String msg = e.getMessage();
        assertTrue(msg.contains(fileName), name + ": no file name in: " + msg);
        for (String f : fragments) assertTrue(msg.contains(f), name + ": '" + f + "' missing in: " + msg);
        assertTrue(msg.contains("Nothing was loaded"), msg);
        assertEquals(before, counts(), name + ": the warehouse changed");
    }
}
