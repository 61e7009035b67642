package nl.ivz.warehouse.bench;

import java.nio.file.Path;

/** The HTTP service against a bare Javalin endpoint returning the same bytes. */
final class ServiceBench {
    private ServiceBench() { }

    static void run(Suite s, Path warehouse) {
        s.add(s.line("service", "cube endpoint / ad-hoc query", "req/s", null, "bare Javalin endpoint", null, Report.Better.HIGHER, 0.5,
                "not measured: the query service is not on main yet"));
    }
}
