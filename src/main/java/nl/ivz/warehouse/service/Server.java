package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeException;
import nl.ivz.warehouse.cubes.CubeRun;
import nl.ivz.warehouse.export.ResultFormat;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP query service. Handlers only translate HTTP to calls on {@link QueryService}, {@link CannedQueries}
 * and {@link LoadService}, and errors to RFC 7807 problems. Start with {@link #start(ServiceConfig)}.
 */
public final class Server implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";

    private final ServiceConfig cfg;
    private final ServingDatabase db;
    private final QueryService queries;
    private final CannedQueries canned;
    private final LoadService loads;
    private final ResultCache cache;
    private final List<Cube> cubes;
    private final List<Route> routes;
    private final Tokens tokens;
    private final RequestLog requestLog;
    private final nl.ivz.warehouse.service.odata.ODataFeed odata;
    private final CatalogService catalog;
    private Javalin app;

    private Server(ServiceConfig cfg, ServingDatabase db) {
        this.cfg = cfg;
        this.db = db;
        this.queries = new QueryService(db, cfg);
        synchronized (db.meta()) {
            this.canned = CannedQueries.load(cfg.queriesDir(), db.meta(), cfg.maxQueryChars());
        }
        this.cache = new ResultCache(cfg.cacheBytes());
        this.loads = new LoadService(db, cfg.inbox(), cfg.loader(), cache::invalidate);
        this.cubes = List.copyOf(cfg.cubes().get());
        this.catalog = new CatalogService(cfg, db, queries, cubes);
        this.tokens = Tokens.of(cfg);
        this.requestLog = RequestLog.open(cfg.requestLog());
        this.routes = buildRoutes();
        synchronized (db.meta()) {
            try {
                this.odata = nl.ivz.warehouse.service.odata.ODataFeed.create(db.meta(), cubes, canned, queries, cfg,
                        tokens.required() ? given -> tokens.check(given) != null : null);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the warehouse catalog for the OData feed: " + e.getMessage(), e);
            }
        }
    }


    /** Opens and sandboxes the warehouse, reads the canned queries and starts listening. */
    public static Server start(ServiceConfig cfg) throws SQLException {
        cfg.validate();
        ServingDatabase db = ServingDatabase.open(cfg);
        Server s;
        try {
            s = new Server(cfg, db);
            s.app = s.createApp().start(cfg.host(), cfg.port());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return s;
    }

    public int port() { return app.port(); }

    /** Base URL, e.g. http://127.0.0.1:7070 (IPv6 hosts in brackets). */
    public String url() {
        String h = cfg.host().contains(":") ? "[" + cfg.host() + "]" : cfg.host();
        return "http://" + h + ":" + port();
    }

    public ServiceConfig config() { return cfg; }

    public ServingDatabase database() { return db; }

    List<Route> routes() { return routes; }

    Javalin javalin() { return app; }

    public void stop() {
        if (app != null) app.stop();
        queries.close();
        requestLog.close();
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("Closing the warehouse failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() { stop(); }

    // ------------------------------------------------------------------ wiring

    private Javalin createApp() {
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            nl.ivz.warehouse.web.WebPage.register(c); // the analysts' page at / (static files, no routes)
            // Streams must leave as they are produced; compression would buffer and burn the CPU the engine needs.
            c.http.compressionStrategy = CompressionStrategy.NONE;
            c.http.maxRequestSize = Math.max(1L << 20, cfg.maxQueryChars() * 4L + 65_536);
            if (!cfg.corsOrigins().isEmpty()) {
                c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    for (String o : cfg.corsOrigins()) rule.allowHost(o);
                    rule.exposeHeader("Content-Disposition");
                }));
            }
            c.routes.before("/api/*", this::authenticate);
            c.requestLogger.http(this::logRequest);
            for (Route r : routes) c.routes.addHttpHandler(r.method(), r.path(), r.handler());
            odata.register(c); // /odata: its own auth (Bearer or Basic) and OData error bodies
            c.routes.exception(ApiException.class, (e, ctx) -> problem(ctx, e));
            c.routes.exception(StreamAborted.class, (e, ctx) -> abort(ctx, e));
            c.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, fromHttp(e)));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
                problem(ctx, new ApiException(ProblemType.INTERNAL, "Internal error; the server log has the details"));
            });
            c.routes.error(404, ctx -> {
                if (!isProblem(ctx) && !nl.ivz.warehouse.service.odata.ODataFeed.owns(ctx)) problem(ctx, new ApiException(ProblemType.NOT_FOUND, "No route " + ctx.method() + " " + ctx.path()));
            });
            c.routes.error(405, ctx -> {
                if (!isProblem(ctx) && !nl.ivz.warehouse.service.odata.ODataFeed.owns(ctx)) {
                    problem(ctx, new ApiException(ProblemType.METHOD_NOT_ALLOWED, "Method " + ctx.method() + " is not allowed on " + ctx.path()));
                }
            });
        });
    }

    private static boolean isProblem(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith(PROBLEM_JSON);
    }

    private static ApiException fromHttp(HttpResponseException e) {
        switch (e.getStatus()) {
            case 413: return new ApiException(ProblemType.QUERY_TOO_LARGE, "The request body is too large");
            case 404: return new ApiException(ProblemType.NOT_FOUND, e.getMessage());
            case 405: return new ApiException(ProblemType.METHOD_NOT_ALLOWED, e.getMessage());
            case 401: return new ApiException(ProblemType.UNAUTHORIZED, e.getMessage());
            default: return new ApiException(ProblemType.BAD_REQUEST, e.getMessage());
        }
    }

    private void authenticate(Context ctx) {
        if (!tokens.required() || ctx.method() == HandlerType.OPTIONS || ctx.path().equals("/api/health")) return;
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Tokens.Entry who = tokens.check(h.substring(7).strip());
            if (who == null) throw new ApiException(ProblemType.UNAUTHORIZED, "The bearer token is not valid");
            ctx.attribute(ATTR_TOKEN, who.name());
            if (ctx.path().startsWith("/api/loads") && who.scope() != Tokens.Scope.LOAD) {
                throw new ApiException(ProblemType.INSUFFICIENT_SCOPE, "Token '" + who.name() + "' has scope read; loads need scope load");
            }
            return;
        }
        throw new ApiException(ProblemType.UNAUTHORIZED, "This server needs 'Authorization: Bearer <token>'");
    }

    private static final String ATTR_TOKEN = "ivz.token";
    private static final String ATTR_HASH = "ivz.queryHash";
    private static final String ATTR_ROWS = "ivz.rows";

    /** One line per /api request; static files of the web page are not logged. */
    private void logRequest(Context ctx, Float ms) {
        if (!ctx.path().startsWith("/api/")) return;
        requestLog.write(new RequestLog.Entry(ctx.attribute(ATTR_TOKEN), ctx.method().name(), ctx.path(), ctx.attribute(ATTR_HASH),
                ctx.statusCode(), ms == null ? -1 : Math.round(ms), ctx.attribute(ATTR_ROWS)));
    }

    private static void noteQuery(Context ctx, String kind, String name, Map<String, String> params) {
        ctx.attribute(ATTR_HASH, RequestLog.hash(kind + ":" + name + ":" + new TreeMap<>(params)));
    }

    private void problem(Context ctx, ApiException e) {
        ProblemType t = e.type();
        ObjectNode p = JSON.createObjectNode();
        p.put("type", t.uri());
        p.put("title", t.title());
        p.put("status", t.status());
        p.put("detail", e.getMessage());
        p.put("instance", ctx.path());
        e.extra().forEach((k, v) -> p.set(k, JSON.valueToTree(v)));
        if (t == ProblemType.UNAUTHORIZED) ctx.header("WWW-Authenticate", "Bearer realm=\"ivz-warehouse\"");
        if (t == ProblemType.TOO_MANY_REQUESTS) ctx.header("Retry-After", "1");
        ctx.res().setHeader("Content-Disposition", null);
        ctx.status(t.status()).contentType(PROBLEM_JSON).result(p.toString());
    }

    /** After the first bytes went out a status can no longer change: cut the connection so the client sees a failed transfer. */
    private void abort(Context ctx, StreamAborted e) {
        LOG.warn("Aborted a streamed response on {}: {}", ctx.path(), e.getMessage());
        try {
            // Close the socket under the response: the client sees a transfer that ended early, never a clean end.
            ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint().close();
        } catch (RuntimeException ex) {
            LOG.warn("Could not abort the connection: {}", ex.getMessage());
        }
    }

    // ------------------------------------------------------------------ routes

    private List<Route> buildRoutes() {
        List<String> results = List.of("application/json", "application/x-ndjson", "text/csv", "application/vnd.apache.parquet",
                ResultFormat.XLSX.contentType());
        List<ProblemType> queryProblems = List.of(ProblemType.BAD_SQL, ProblemType.BAD_PARAMETER, ProblemType.UNAUTHORIZED,
                ProblemType.FORBIDDEN_STATEMENT, ProblemType.FORBIDDEN_ACCESS, ProblemType.UNSUPPORTED_FORMAT,
                ProblemType.QUERY_TOO_LARGE, ProblemType.TOO_MANY_REQUESTS, ProblemType.OUT_OF_MEMORY, ProblemType.TIMEOUT);
        Route.Param format = Route.query("format", "string", "json (default), ndjson, csv, csv-nl, parquet or xlsx; or use the Accept header");
        List<Route> r = new ArrayList<>();
        r.add(new Route(HandlerType.GET, "/api/health", "health", "Status, warehouse file, last load batch, version (no token needed)",
                true, List.of(), null, List.of("application/json"), List.of(), this::health));
        r.add(new Route(HandlerType.GET, "/api/cubes", "listCubes", "The cubes with their parameters and columns",
                false, List.of(), null, List.of("application/json"), List.of(ProblemType.UNAUTHORIZED), this::listCubes));
        r.add(new Route(HandlerType.GET, "/api/cubes/{name}", "runCube", "Run a cube; its parameters come from the query string",
                false, List.of(Route.path("name", "Cube name"), format), null, results,
                concat(queryProblems, ProblemType.UNKNOWN_CUBE), this::runCube));
        r.add(new Route(HandlerType.GET, "/api/levels", "listLevels", "The levels of areas from land to buurt: code pattern, source suffix, hierarchy, Dutch labels",
                false, List.of(), null, List.of("application/json"), List.of(ProblemType.UNAUTHORIZED), this::listLevels));
        List<String> json = List.of("application/json");
        List<ProblemType> auth = List.of(ProblemType.UNAUTHORIZED);
        List<ProblemType> badOrAuth = List.of(ProblemType.BAD_PARAMETER, ProblemType.UNAUTHORIZED);
        r.add(new Route(HandlerType.GET, "/api/areas", "listAreas", "Areas (code, name, level, whether the bundled hierarchy knows them, "
                + "parent codes), optionally of one level and existing in one year",
                false, List.of(Route.query("level", "string", "Only this level (see /api/levels)"),
                        Route.query("year", "integer", "Only areas existing in this year, with their parents of that year"),
                        Route.query("with", "string", "victim-survey: only areas with victim survey figures (per 100 inhabitants)")),
                null, json, badOrAuth, this::areas));
        r.add(new Route(HandlerType.GET, "/api/themes", "listThemes", "Themes with their policy field and whether registrations are loaded",
                false, List.of(), null, json, auth, this::themes));
        r.add(new Route(HandlerType.GET, "/api/measures", "listMeasures", "Measures with unit and denominator, and which facts carry them",
                false, List.of(), null, json, auth, this::measures));
        r.add(new Route(HandlerType.GET, "/api/years", "listYears", "Years with data per kind of fact (registrations, survey, survey responses, ...)",
                false, List.of(), null, json, auth, this::years));
        r.add(new Route(HandlerType.GET, "/api/plans", "listPlans", "Plan types with the number of plans and the years they cover",
                false, List.of(), null, json, auth, this::plans));
        r.add(new Route(HandlerType.GET, "/api/sources", "listSources", "Sources, releases and load times of the batches behind fact tables",
                false, List.of(Route.query("tables", "string", "Comma-separated fact tables, e.g. fct_registration,fct_population")),
                null, json, badOrAuth, this::sources));
        r.add(new Route(HandlerType.GET, "/api/queries", "listQueries", "The canned queries with title, description and typed parameters",
                false, List.of(), null, List.of("application/json"), List.of(ProblemType.UNAUTHORIZED), this::listQueries));
        r.add(new Route(HandlerType.GET, "/api/queries/{name}", "runQuery", "Run a canned query; parameters from the query string",
                false, List.of(Route.path("name", "Query name (file name without .sql)"), format), null, results,
                concat(queryProblems, ProblemType.UNKNOWN_QUERY), this::runCanned));
        r.add(new Route(HandlerType.GET, "/api/query", "queryGet", "Run one read-only statement given as ?sql=; other query-string keys are its $parameters",
                false, List.of(Route.query("sql", "string", "The statement"), format), null, results, queryProblems, this::adHocGet));
        r.add(new Route(HandlerType.POST, "/api/query", "queryPost", "Run one read-only statement with JSON parameters",
                false, List.of(format), "QueryRequest", results, concat(queryProblems, ProblemType.BAD_REQUEST), this::adHocPost));
        r.add(new Route(HandlerType.GET, "/api/maps/{name}", "map",
                "GeoJSON of the areas of one level (gemeente, basisteam, district, eenheid, provincie) in a year: real bundled "
                        + "boundaries (the nearest year that has them, said in 'note'), higher levels dissolved from the municipalities "
                        + "by the warehouse's memberships of that year",
                false, List.of(Route.path("name", "Level: gemeente, basisteam, district, eenheid or provincie"),
                        Route.query("year", "integer", "Year of the memberships (default: the latest year with registrations)"),
                        Route.query("area", "string", "Only the areas below this area (code or name)")),
                null, List.of("application/geo+json"), List.of(ProblemType.BAD_PARAMETER, ProblemType.UNAUTHORIZED, ProblemType.TOO_MANY_REQUESTS),
                this::map));
        r.add(new Route(HandlerType.GET, "/api/schema", "schema", "Tables, columns, types and comments of the warehouse",
                false, List.of(), null, List.of("application/json"), List.of(ProblemType.UNAUTHORIZED), this::schema));
        r.add(new Route(HandlerType.GET, "/api/openapi.json", "openapi", "This document",
                false, List.of(), null, List.of("application/json"), List.of(ProblemType.UNAUTHORIZED), this::openapi));
        r.add(new Route(HandlerType.POST, "/api/loads", "load", "Load files from the server's inbox folder in one transaction while serving",
                false, List.of(), "LoadRequest", List.of("application/json"),
                List.of(ProblemType.BAD_REQUEST, ProblemType.UNAUTHORIZED, ProblemType.INSUFFICIENT_SCOPE, ProblemType.FORBIDDEN_PATH, ProblemType.NOT_FOUND,
                        ProblemType.TOO_MANY_REQUESTS,
                        ProblemType.LOAD_BUSY, ProblemType.LOAD_FAILED, ProblemType.LOADS_DISABLED), this::load));
        return List.copyOf(r);
    }

    private static List<ProblemType> concat(List<ProblemType> a, ProblemType b) {
        List<ProblemType> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    private void health(Context ctx) { json(ctx, catalog.health()); }

    private void schema(Context ctx) { json(ctx, catalog.schema()); }

    private void listLevels(Context ctx) { json(ctx, catalog.levels()); }

    private void listCubes(Context ctx) { json(ctx, catalog.cubes()); }

    private void areas(Context ctx) {
        String y = ctx.queryParam("year");
        Integer year;
        try {
            year = y == null || y.isBlank() ? null : Integer.valueOf(y.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(ProblemType.BAD_PARAMETER, "Parameter 'year' must be a year like 2023, not '" + y + "'").with("parameter", "year");
        }
        json(ctx, catalog.areas(blankToNull(ctx.queryParam("level")), year, blankToNull(ctx.queryParam("with"))));
    }

    private void themes(Context ctx) { json(ctx, catalog.themes()); }

    private void measures(Context ctx) { json(ctx, catalog.measures()); }

    private void years(Context ctx) { json(ctx, catalog.years()); }

    private void plans(Context ctx) { json(ctx, catalog.plans()); }

    private void sources(Context ctx) {
        String t = ctx.queryParam("tables");
        List<String> tables = t == null || t.isBlank() ? List.of() : List.of(t.split(",")).stream().map(String::strip).toList();
        json(ctx, catalog.sources(tables));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void runCube(Context ctx) {
        Cube cube;
        try {
            cube = CubeRun.find(cubes, ctx.pathParam("name"));
        } catch (CubeException e) {
            throw new ApiException(ProblemType.UNKNOWN_CUBE, e.getMessage());
        }
        ResultFormat f = format(ctx);
        Map<String, String> params = singleParams(ctx, "format");
        noteQuery(ctx, "cube", cube.name(), params);
        cached(ctx, "cube", cube.name(), params, f, sink -> queries.runCube(cube, params, f, sink));
    }

    /** Serves a cube or canned answer from the cache, or runs it and keeps the answer until the next load. */
    private void cached(Context ctx, String kind, String name, Map<String, String> params, ResultFormat f,
                        java.util.function.Function<ResultSink, nl.ivz.warehouse.export.ResultWriter.Written> run) {
        ResultSink sink = sink(ctx, name);
        if (!cache.enabled()) {
            rows(ctx, run.apply(sink));
            return;
        }
        ResultCache.Key key = cache.key(kind, name, params, f);
        ResultCache.Entry hit = cache.get(key);
        if (hit != null) {
            ctx.header("X-Cache", "hit");
            headers(ctx, name, hit.format(), -1);
            ctx.result(hit.body());
            return;
        }
        ctx.header("X-Cache", "miss");
        ResultCache.Recording recording = cache.new Recording(sink);
        rows(ctx, run.apply(recording));
        recording.store(key);
    }

    private void map(Context ctx) {
        String level = ctx.pathParam("name").toLowerCase(Locale.ROOT);
        String y = ctx.queryParam("year");
        String parent = ctx.queryParam("area");
        JsonNode fc = queries.withReader(new QueryService.Running(), c -> {
            int year;
            try {
                year = y == null || y.isBlank() ? MapService.latestYear(c) : Integer.parseInt(y.strip());
            } catch (NumberFormatException e) {
                throw new ApiException(ProblemType.BAD_PARAMETER, "Parameter 'year' must be a year like 2023, not '" + y + "'").with("parameter", "year");
            }
            return MapService.map(c, level, year, parent);
        });
        ctx.contentType("application/geo+json");
        ctx.result(fc.toString());
    }

    private void listQueries(Context ctx) {
        ArrayNode out = JSON.createArrayNode();
        for (CannedQuery q : canned.all()) {
            ObjectNode n = out.addObject();
            n.put("name", q.name());
            n.put("title", q.title());
            n.put("description", q.description());
            n.put("href", "/api/queries/" + q.name());
            ArrayNode ps = n.putArray("params");
            for (CannedQuery.Param p : q.params()) {
                ObjectNode pn = ps.addObject();
                pn.put("name", p.name());
                pn.put("type", p.type());
                pn.put("default", p.defaultValue());
                pn.put("required", p.required());
                pn.put("description", p.description());
            }
        }
        json(ctx, out);
    }

    private void runCanned(Context ctx) {
        String name = ctx.pathParam("name");
        CannedQueries.Entry e = canned.byName(name).orElseThrow(() -> new ApiException(ProblemType.UNKNOWN_QUERY,
                "No canned query '" + name + "'; known: " + String.join(", ", canned.all().stream().map(CannedQuery::name).toList())));
        ResultFormat f = format(ctx);
        Map<String, Object> values = e.query().values(singleParams(ctx, "format"));
        List<Object> binds = new ArrayList<>();
        for (String p : e.checked().parameterNames()) binds.add(values.get(p));
        noteQuery(ctx, "query", e.query().name(), singleParams(ctx, "format"));
        cached(ctx, "query", e.query().name(), singleParams(ctx, "format"), f,
                sink -> queries.runChecked(e.checked().sql(), binds, f, sink, new QueryService.About(e.query().title(),
                        e.query().name() + " " + values, List.of())));
    }

    private void adHocGet(Context ctx) {
        String sql = ctx.queryParam("sql");
        if (sql == null) throw new ApiException(ProblemType.BAD_REQUEST, "Missing ?sql=");
        ResultFormat f = format(ctx);
        ctx.attribute(ATTR_HASH, RequestLog.hash(sql));
        rows(ctx, queries.runAdHoc(sql, ParamValues.ofStrings(singleParams(ctx, "format", "sql")), f, sink(ctx, "query")));
    }

    private void adHocPost(Context ctx) {
        JsonNode body = jsonBody(ctx);
        JsonNode sql = body.get("sql");
        if (sql == null || !sql.isTextual()) throw new ApiException(ProblemType.BAD_REQUEST, "The body needs \"sql\": \"...\" (a string)");
        ResultFormat f = body.hasNonNull("format") && ctx.queryParam("format") == null
                ? parseFormat(body.get("format").asText()) : format(ctx);
        ctx.attribute(ATTR_HASH, RequestLog.hash(sql.asText()));
        rows(ctx, queries.runAdHoc(sql.asText(), ParamValues.ofJson(body.get("params")), f, sink(ctx, "query")));
    }

    private void openapi(Context ctx) {
        json(ctx, OpenApi.document(JSON, routes, VERSION, tokens.required()));
    }

    private void load(Context ctx) {
        JsonNode body = jsonBody(ctx);
        List<String> files = new ArrayList<>();
        JsonNode f = body.get("files");
        if (f == null || !f.isArray()) throw new ApiException(ProblemType.BAD_REQUEST, "The body needs \"files\": [\"name.csv\", ...]");
        f.forEach(n -> files.add(n.asText()));
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode o = body.get("options");
        if (o != null && o.isObject()) o.fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        json(ctx, JSON.valueToTree(loads.load(files, options)));
    }

    // ------------------------------------------------------------------ helpers

    private static void rows(Context ctx, nl.ivz.warehouse.export.ResultWriter.Written w) {
        if (w != null) ctx.attribute(ATTR_ROWS, w.rows());
    }

    private static void json(Context ctx, JsonNode n) {
        ctx.contentType("application/json").result(n.toString());
    }

    private static JsonNode jsonBody(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ProblemType.BAD_REQUEST, "The body is not valid UTF-8");
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) throw new ApiException(ProblemType.BAD_REQUEST, "The body must be a JSON object");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(ProblemType.BAD_REQUEST, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Query-string parameters except the reserved ones; each may appear once. */
    private static Map<String, String> singleParams(Context ctx, String... reserved) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (List.of(reserved).contains(e.getKey())) continue;
            if (e.getValue().size() != 1) {
                throw new ApiException(ProblemType.BAD_PARAMETER, "Parameter '" + e.getKey() + "' is given " + e.getValue().size() + " times")
                        .with("parameter", e.getKey());
            }
            out.put(e.getKey(), e.getValue().get(0));
        }
        return out;
    }

    static ResultFormat format(Context ctx) {
        String q = ctx.queryParam("format");
        if (q != null) return parseFormat(q);
        String accept = ctx.header("Accept");
        if (accept == null || accept.isBlank()) return ResultFormat.JSON;
        boolean any = false;
        for (String part : accept.split(",")) {
            String mt = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
            switch (mt) {
                case "application/json": return ResultFormat.JSON;
                case "application/x-ndjson": case "application/ndjson": return ResultFormat.NDJSON;
                case "text/csv": return ResultFormat.CSV;
                case "application/vnd.apache.parquet": case "application/x-parquet": return ResultFormat.PARQUET;
                case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": return ResultFormat.XLSX;
                case "*/*": case "application/*": any = true; break;
                default: break;
            }
        }
        if (any) return ResultFormat.JSON;
        throw new ApiException(ProblemType.UNSUPPORTED_FORMAT, "Cannot produce " + accept
                + "; use application/json, application/x-ndjson, text/csv, application/vnd.apache.parquet or "
                + ResultFormat.XLSX.contentType() + ", or ?format=");
    }

    static ResultFormat parseFormat(String s) {
        try {
            ResultFormat f = ResultFormat.parse(s);
            if (f == ResultFormat.TABLE) throw new IllegalArgumentException("table is for terminals");
            return f;
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.UNSUPPORTED_FORMAT, "Unknown format '" + s + "'; use json, ndjson, csv, csv-nl, parquet or xlsx");
        }
    }

    /** Sets the headers when the first bytes leave; exports get a file name. */
    private static ResultSink sink(Context ctx, String baseName) {
        return (format, length) -> {
            headers(ctx, baseName, format, length);
            return ctx.outputStream();
        };
    }

    private static void headers(Context ctx, String baseName, ResultFormat format, long length) {
        ctx.status(200);
        ctx.contentType(format.contentType());
        if (format != ResultFormat.JSON) {
            String ext = format == ResultFormat.CSV_NL ? "csv" : format.id();
            ctx.header("Content-Disposition", "attachment; filename=\"" + baseName.replaceAll("[^A-Za-z0-9_-]", "_") + "." + ext + "\"");
        }
        if (length >= 0) ctx.res().setContentLengthLong(length);
    }
}
