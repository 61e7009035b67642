package nl.ivz.warehouse.cubes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The cubes the CLI, the HTTP service and the web page offer, in menu order. */
public final class Cubes {
    private static final List<Cube> ALL = List.of(new BenchmarkCube(), new TrendCube(), new TargetCube(), new PrioritiesCube(),
            new SurveySampleCube(), new SignificanceCube(), new DarkNumberCube(), new DarkNumberRegionsCube());

    private Cubes() { }

    public static List<Cube> all() {
        return ALL;
    }

    /**
     * What an answer misses (its distinct coverage_note values), for the outputs that show a note beside the rows;
     * empty when the answer is complete or the cube has no coverage column.
     */
    public static List<String> coverageNotes(Connection c, Cube cube, String cubeSql) throws SQLException {
        List<String> out = new ArrayList<>();
        if (cube.columns().stream().noneMatch(x -> x.name().equals("coverage_note"))) return out;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT coverage_note FROM (" + cubeSql + ") answer WHERE coverage_note IS NOT NULL ORDER BY 1")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    public static Optional<Cube> byName(String name) {
        return ALL.stream().filter(c -> c.name().equalsIgnoreCase(name == null ? "" : name.trim())).findFirst();
    }
}
