package nl.ivz.warehouse.bench;

import java.nio.file.Path;

/** Each cube against its hand-written DuckDB SQL twin. */
final class CubeBench {
    private CubeBench() { }

    static void run(Suite s, Path warehouse) {
        s.add(s.line("cubes", "every cube", "s", null, "hand-written SQL", null, Report.Better.LOWER, 1.2,
                "not measured: no cube registry on main yet"));
    }
}
