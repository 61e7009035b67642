package nl.ivz.warehouse.load;

import nl.ivz.warehouse.core.Warehouse;
import org.junit.jupiter.api.Test;

import static nl.ivz.warehouse.db.Tables.V_RECONCILE_PUBLISHED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** v_reconcile_published lists the published figures of the seed tables against their detail, mismatches included. */
class ReconcilePublishedViewTest {
    @Test
    void seedTablesAgainstTheirDetail() throws Exception {
        try (Warehouse wh = SurveyFixtures.warehouse()) {
            SurveyFixtures.load(wh, SurveyFixtures.SEEDS);
            var v = V_RECONCILE_PUBLISHED;
            assertEquals(21, wh.dsl().fetchCount(v, v.CHECK_KIND.eq("plan_count")));
            assertEquals(10, wh.dsl().fetchCount(v, v.CHECK_KIND.eq("plan_count"), v.DIFFERENCE.ne(0.0)));
            assertEquals(-8.0, wh.dsl().select(v.DIFFERENCE).from(v).where(v.SUBJECT.eq("lokaal: Jeugd, alcohol en drugs")).fetchOne(v.DIFFERENCE));
            assertEquals(5.0, wh.dsl().select(v.DIFFERENCE).from(v)
                    .where(v.CHECK_KIND.eq("total_score"), v.REGION_CODE.eq("PD-GELDERLAND-ZUID")).fetchOne(v.DIFFERENCE));
            assertEquals(0, wh.dsl().fetchCount(v, v.CHECK_KIND.eq("total_score"), v.REGION_CODE.eq("PD-TWENTE"), v.DIFFERENCE.ne(0.0)));
            assertEquals(4874.0, wh.dsl().select(v.COMPUTED_VALUE).from(v).where(v.SUBJECT.eq("IVM 2013: Landelijke respons")).fetchOne(v.COMPUTED_VALUE));
            assertEquals(25.0, wh.dsl().select(v.DIFFERENCE).from(v).where(v.SUBJECT.eq("IVM 2013: Geschatte kosten")).fetchOne(v.DIFFERENCE));
            assertEquals(166981.0, wh.dsl().select(v.COMPUTED_VALUE).from(v)
                    .where(v.CHECK_KIND.eq("parent_value"), v.REGION_CODE.eq("RE02"), v.PERIOD_CODE.eq("2013JJ00"), v.SUBJECT.eq("Misdrijven"))
                    .fetchOne(v.COMPUTED_VALUE));
        }
    }
}
