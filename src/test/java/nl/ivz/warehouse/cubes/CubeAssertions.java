package nl.ivz.warehouse.cubes;


import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;


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
}
