package nl.ivz.warehouse.cubes;

import nl.ivz.warehouse.core.Warehouse;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Compares a cube's rows with its hand-written SQL twin, cell by cell (numbers to 1e-9). */
final class CubeAssertions {
    private CubeAssertions() { }

    static List<List<Object>> rows(ResultSet rs) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                Object v = rs.getObject(i);
                if (v instanceof Number) v = Math.round(((Number) v).doubleValue() * 1e9) / 1e9;
                row.add(v);
            }
            out.add(row);
        }
        return out;
    }

    static void sameAsHandSql(Warehouse wh, Cube cube, Map<String, String> params) throws Exception {
        sameAsHandSql(wh.connection(), cube, params);
    }

    static void sameAsHandSql(java.sql.Connection c, Cube cube, Map<String, String> params) throws Exception {
        String cubeSql = cube.query(Warehouse.dsl(c), params).getSQL(org.jooq.conf.ParamType.INLINED);
        String hand = cube.handWrittenSql(Warehouse.dsl(c), params);
        List<List<Object>> a;
        List<List<Object>> b;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(cubeSql)) { a = rows(rs); }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(hand)) { b = rows(rs); }
        assertFalse(a.isEmpty(), "cube " + cube.name() + " returned no rows for " + params);
        assertEquals(a.size(), b.size(), "row count of hand SQL for " + cube.name());
        for (int i = 0; i < a.size(); i++) assertEquals(a.get(i), b.get(i), cube.name() + " row " + i + "\n" + hand);
    }
}
