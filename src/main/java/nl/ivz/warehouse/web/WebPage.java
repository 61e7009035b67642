package nl.ivz.warehouse.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.util.Map;

/**
 * The analysts' page: static files from the classpath folder {@code /web}, served at {@code /} by the query
 * service. The page only talks to the public API, so it needs no routes of its own.
 */
public final class WebPage {
    /** Classpath folder of index.html, app.js and app.css. */
    public static final String CLASSPATH_DIR = "/web";

    private WebPage() { }

    /** One line in the service's Javalin config: {@code WebPage.register(cfg);}. */
    public static void register(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = CLASSPATH_DIR;
            files.location = Location.CLASSPATH;
            // The page changes with the jar; revalidate instead of caching a stale app.js.
            files.headers = Map.of("Cache-Control", "no-cache");
            // API requests never look for a file: a classpath lookup per request would cost more than a cached answer.
            files.skipFileFunction = req -> req.getRequestURI().startsWith("/api/");
        });
    }
}
