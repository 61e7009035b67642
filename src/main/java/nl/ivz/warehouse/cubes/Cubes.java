package nl.ivz.warehouse.cubes;

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

    public static Optional<Cube> byName(String name) {
        return ALL.stream().filter(c -> c.name().equalsIgnoreCase(name == null ? "" : name.trim())).findFirst();
    }
}
